using System.Globalization;

namespace SalesCoach.Coaching.Metrics;

/// <summary>Word splitting shared by metrics and rules: letters/digits runs, each CJK character a word.</summary>
public static class Words
{
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var cjk = IsCjk(c);
            var wordChar = !cjk && (char.IsLetterOrDigit(c) || c == '\'' || c == '’');
            if (wordChar)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                words.Add(text[start..i].Trim('\'', '’'));
                start = -1;
            }

            if (cjk)
            {
                words.Add(c.ToString());
            }
        }

        words.RemoveAll(w => w.Length == 0);
        return words;
    }

    /// <summary>Words spoken; for Chinese every CJK character counts once (pace is characters per minute).</summary>
    public static int Count(string text) => Split(text).Count;

    /// <summary>Questions asked: runs of question marks (ASCII or full-width) count once each.</summary>
    public static int CountQuestions(string text)
    {
        var count = 0;
        var inRun = false;
        foreach (var c in text)
        {
            var mark = c is '?' or '？';
            if (mark && !inRun)
            {
                count++;
            }

            inRun = mark;
        }

        return count;
    }

    public static bool IsCjk(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= '\u2E80' && c <= '\u9FFF';
}
