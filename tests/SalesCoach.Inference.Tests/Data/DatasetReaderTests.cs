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
