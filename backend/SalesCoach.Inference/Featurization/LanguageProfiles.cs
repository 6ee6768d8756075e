namespace SalesCoach.Inference.Featurization;

/// <summary>
/// Hand-built profiles for the four Latin-script languages we serve: the most frequent
/// function words (which carry most of the signal in short utterances) and character
/// trigrams typical of each spelling system (for texts made only of content words).
/// </summary>
internal static class LanguageProfiles
{
    public static readonly string[] Languages = ["en", "es", "fr", "de"];

    public static readonly string[][] Words =
    [
        ["the", "and", "is", "are", "was", "to", "of", "you", "your", "i", "it", "that", "this", "what",
         "how", "can", "do", "does", "my", "we", "with", "for", "have", "has", "not", "be", "will",
         "would", "on", "at", "they", "our", "me", "need", "want", "price", "when", "why", "if", "from",
         "about", "there", "which", "just", "get", "an", "or", "too", "much", "so", "in", "am", "don't", "it's"],
        ["el", "la", "los", "las", "de", "que", "y", "es", "en", "un", "una", "por", "para", "con",
         "no", "su", "sus", "mi", "tu", "se", "lo", "como", "más", "pero", "muy", "este", "esta",
         "está", "están", "son", "hay", "nos", "nuestro", "usted", "cuánto", "cuesta", "precio", "qué",
         "del", "al", "ya", "también", "tenemos", "puede", "quiero", "necesito", "sí", "gracias", "ahora"],
        ["le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "pour", "pas", "que", "qui",
         "dans", "sur", "avec", "nous", "vous", "je", "il", "elle", "ce", "cette", "mais", "ou", "sont",
         "très", "plus", "notre", "votre", "prix", "combien", "c'est", "j'ai", "n'est", "au", "aux",
         "être", "avons", "avez", "peut", "faire", "merci", "oui", "non", "trop", "aussi", "déjà"],
        ["der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "mit", "für", "auf", "ich",
         "sie", "wir", "es", "den", "dem", "des", "von", "im", "auch", "sind", "haben", "wie", "was",
         "aber", "oder", "noch", "nur", "kann", "können", "ihr", "ihre", "unser", "unsere", "preis",
         "zu", "sehr", "schon", "wenn", "dass", "bei", "uns", "mehr", "gibt", "habe", "danke", "ja", "nein"],
    ];

    public static readonly string[][] Trigrams =
    [
        ["the", "ing", "and", "ion", "tio", "ent", "her", "hat", "tha", "ere", "you", "ith", "ver", "all", "wha"],
        ["que", "ión", "ent", "ado", "est", "ara", "nte", "aci", "ien", "los", "las", "del", "con", "ndo", "era"],
        ["les", "ent", "que", "ion", "des", "est", "ous", "eur", "tio", "ait", "ont", "our", "eme", "ais", "oir"],
        ["sch", "ein", "ich", "der", "und", "die", "cht", "den", "ung", "gen", "ter", "ist", "nde", "ier", "eit"],
    ];

    /// <summary>Letters that only one of the four languages uses.</summary>
    public static int DistinctiveLanguage(char c) => c switch
    {
        'ñ' or '¿' or '¡' or 'á' or 'í' or 'ó' or 'ú' => 1,
        'ç' or 'è' or 'ê' or 'à' or 'ù' or 'â' or 'î' or 'ô' or 'û' or 'œ' or 'ë' or 'ï' => 2,
        'ä' or 'ö' or 'ü' or 'ß' => 3,
        _ => -1,
    };
}
