using System.ComponentModel.DataAnnotations;

namespace SalesCoach.Crm.HubSpot;

/// <summary>Configuration section <c>Crm:HubSpot</c>. Tokens (private app or OAuth) come per portal connection.</summary>
public sealed class HubSpotOptions
{
    public const string Section = "Crm:HubSpot";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.hubapi.com";
}
