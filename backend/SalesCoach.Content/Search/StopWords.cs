namespace SalesCoach.Content.Search;

/// <summary>Short stop lists (accent-folded) so queries built from whole conversations keep only words that carry meaning.</summary>
public static class StopWords
{
        public static readonly HashSet<string> Common = Set(
        "ok okay yes yeah no hi hello thanks thank please um uh well so just really very also like get got can could would should will " +
        "the and for that this with you your we our are was were have has had not but all any what which who how when where why " +
        "from they them their there here about into more some than then its it's is be been being do does did to of in on at by or an as if it me my us");

    private static readonly HashSet<string> English = Set("i he she his her him one two let lets go going want need know think see look");

    private static readonly HashSet<string> Spanish = Set(
        "el la los las un una unos unas de del al y o que en es son por para con sin se su sus lo le les mas pero como muy ya " +
        "este esta estos estas ese esa eso nos nuestro nuestra usted ustedes tiene tenemos hay ser estar si no yo tu");

    private static readonly HashSet<string> French = Set(
        "le la les un une des de du et ou que qui en est sont pour par avec sans se sa son ses ce cette ces nous vous notre votre " +
        "il elle ils elles au aux pas plus mais comme tres deja avons avez sur dans ne je tu on");

    private static readonly HashSet<string> German = Set(
        "der die das den dem des ein eine einen einem einer und oder dass ist sind fur mit ohne sich sein ihr ihre wir sie ich du " +
        "es im in zu zum zur auf aus bei von vom nicht aber wie sehr schon noch auch haben hat wird werden kann konnen uns unser");

    /// <summary>
    /// The union of every list: a conversation's language is not always the one the request names,
    /// and no word here carries meaning in another of the five languages.
    /// </summary>
    public static readonly HashSet<string> All = [.. Common, .. English, .. Spanish, .. French, .. German];

    private static HashSet<string> Set(string words) => new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
