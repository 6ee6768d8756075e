using SalesCoach.Inference.Data;

namespace SalesCoach.Inference.Tests.Data;

public class DatasetReaderTests
{
    [Fact]
    public void Read_CsvWithQuotesCommasAndNewlines_Parsed()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.csv"), "id,text,label\n1,\"Too \"\"pricey\"\", sadly\",price\r\n2,\"two\nlines\",price|timing\n3,,price\n4,no label,\n");
        var data = DatasetReader.Read(dir.File("d.csv"), "text", "label");

        Assert.Equal(2, data.Examples.Count);
        Assert.Equal("Too \"pricey\", sadly", data.Examples[0].Text);
        Assert.Equal("two\nlines", data.Examples[1].Text);
        Assert.Equal(["price", "timing"], data.Examples[1].Labels);
        Assert.Equal(2, data.SkippedRows);
        Assert.Equal(64, data.Sha256.Length);
    }

    [Fact]
    public void Read_JsonlArrayAndPipeLabels_Parsed()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.jsonl"), """
            {"t": "hi", "l": ["a", "b"]}

            {"t": "yo", "l": "a|c"}
            {"t": "no label"}
            """);
        var data = DatasetReader.Read(dir.File("d.jsonl"), "t", "l");
        Assert.Equal(["a", "b"], data.Examples[0].Labels);
        Assert.Equal(["a", "c"], data.Examples[1].Labels);
        Assert.Equal(1, data.SkippedRows);
    }

    [Fact]
    public void Read_ContextField_ReadOnlyWhenAsked()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.jsonl"), """
            {"t": "not really", "l": "price", "c": "Is the budget approved?"}
            {"t": "sure", "l": "none"}
            {"t": "nope", "l": "none", "c": "  "}
            """);
        File.WriteAllText(dir.File("d.csv"), "t,l,c\n\"not really\",price,\"Is the budget approved?\"\nsure,none,\n");

        foreach (var file in new[] { "d.jsonl", "d.csv" })
        {
            var data = DatasetReader.Read(dir.File(file), "t", "l", "c");
            Assert.Equal("Is the budget approved?", data.Examples[0].Context);
            Assert.Null(data.Examples[1].Context);
            Assert.All(DatasetReader.Read(dir.File(file), "t", "l").Examples, e => Assert.Null(e.Context));
        }

        Assert.Null(DatasetReader.Read(dir.File("d.jsonl"), "t", "l", "c").Examples[2].Context);
        Assert.Contains("Column 'context' not in the header", Assert.Throws<InvalidDataException>(() => DatasetReader.Read(dir.File("d.csv"), "t", "l", "context")).Message);
    }

    [Fact]
    public void Read_MissingColumn_ClearError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.csv"), "text,category\nhello,a\n");
        var error = Assert.Throws<InvalidDataException>(() => DatasetReader.Read(dir.File("d.csv"), "text", "label"));
        Assert.Contains("'label'", error.Message);
    }

    [Fact]
    public void Read_BadJsonLine_ClearError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.jsonl"), "{\"t\": \"ok\", \"l\": \"a\"}\n{broken\n");
        var error = Assert.Throws<InvalidDataException>(() => DatasetReader.Read(dir.File("d.jsonl"), "t", "l"));
        Assert.Contains("Line 2", error.Message);
    }
}
