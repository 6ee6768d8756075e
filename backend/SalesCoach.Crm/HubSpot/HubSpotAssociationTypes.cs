namespace SalesCoach.Crm.HubSpot;

/// <summary>
/// HubSpot-defined (v4) default association type ids from a note to the record it is about, as HubSpot
/// documents them for the <c>associations</c> array of a create call ("Association type ID values" in the
/// Associations v4 guide; ids are per direction: deal-to-note is 213, note-to-deal 214).
/// </summary>
public static class HubSpotAssociationTypes
{
    public const int NoteToContact = 202;
    public const int NoteToCompany = 190;
    public const int NoteToDeal = 214;

    public static int NoteTo(string objectType) => objectType switch
    {
        "contacts" => NoteToContact,
        "companies" => NoteToCompany,
        "deals" => NoteToDeal,
        _ => throw new CrmException("hubspot", CrmErrorKind.Invalid, null, "object_type", $"Notes cannot be attached to '{objectType}'."),
    };
}
