using static SalesCoach.Content.Tests.Evaluation.EvaluationVocabulary;

namespace SalesCoach.Content.Tests.Evaluation;

public sealed class SourceFileTests
{
    private static readonly string FilesDirectory = Path.Combine(EvaluationSetReader.Directory, "files");

    [Fact]
    public void SourceFiles_EachFile_BelongsToALibraryItemAndAnAllowedFormat()
    {
        var library = EvaluationSetReader.ReadLibrary().ToDictionary(i => i.ExternalId, StringComparer.Ordinal);
        var files = Directory.GetFiles(FilesDirectory);
        Assert.InRange(files.Length, 6, 8);
        Assert.All(files, path =>
        {
            var name = Path.GetFileName(path);
            Assert.Contains(Path.GetExtension(name), SourceFileExtensions);
            Assert.True(name.Length > 6 && library.ContainsKey(name[..6]), $"{name} names no library item");
            Assert.InRange(new FileInfo(path).Length, 500, 64 * 1024);
        });
        Assert.Equal(SourceFileExtensions.Order(), files.Select(Path.GetExtension).OfType<string>().Distinct().Order());
    }

    [Fact]
    public void SourceFiles_Text_IsValidUtf8WithoutByteOrderMark()
    {
        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.All(Directory.GetFiles(FilesDirectory), path =>
        {
            var bytes = File.ReadAllBytes(path);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], path);
            Assert.NotEmpty(strict.GetString(bytes).Trim());
        });
    }
}
