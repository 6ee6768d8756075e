using SalesCoach.Coaching.Replay;

namespace SalesCoach.Coaching.Tests.Replay;

public class PersuasionDialoguesTests
{
    private static string WriteCsv(string body)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("p4g-").FullName, "test.csv");
        File.WriteAllText(path, "dialog_id,speaker,turn,text,persuader_act,persuadee_act,persuader_act_2,persuadee_act_2\n" + body);
        return path;
    }

    [Fact]
    public void Load_Dialogue_MapsSpeakersAnnotationsAndTiming()
    {
        var path = WriteCsv(
            "d1,persuader,0,\"Hello, would you donate?\",greeting,,,\n" +
            "d2,persuader,0,Other dialogue,greeting,,,\n" +
            "d1,persuadee,0,\"No, I can't afford it.\",,negative-reaction-to-donation,,\n" +
            "d1,persuadee,0,But tell me more.,,other,,ask-donation-procedure\n");

        var turns = PersuasionDialogues.Load(path, "d1");

        Assert.Equal(["rep", "customer", "customer"], turns.Select(t => t.Speaker));
        Assert.Equal([1L, 2L, 3L], turns.Select(t => t.Seq));
        Assert.Equal([null, PersuasionDialogues.Resistance, PersuasionDialogues.BuyingSignal], turns.Select(t => t.Annotation));
        Assert.Equal("No, I can't afford it.", turns[1].Text);
        Assert.True(turns[1].StartMs >= turns[0].EndMs + 700); // a speaker change leaves a pause
        Assert.True(turns[2].StartMs > turns[1].EndMs);
    }

    [Fact]
    public void AnnotatedDialogueIds_OnlyDialoguesWithBothKinds_InFileOrder()
    {
        var path = WriteCsv(
            "d3,persuadee,0,No thanks.,,disagree-donation,,\n" +
            "d1,persuadee,0,Sounds great.,,positive-reaction-to-donation,,\n" +
            "d2,persuadee,0,No.,,negative-reaction-to-donation,,\n" +
            "d3,persuadee,1,Sure I'll give.,,agree-donation,,\n" +
            "d1,persuadee,1,Maybe later.,,other,,disagree-donation\n" +
            "d2,persuadee,1,Who are they?,,ask-org-info,,\n");

        Assert.Equal(["d3", "d1"], PersuasionDialogues.AnnotatedDialogueIds(path));
    }

    [Fact]
    public void Load_UnknownDialogue_Throws() =>
        Assert.Throws<InvalidDataException>(() => PersuasionDialogues.Load(WriteCsv("d1,persuader,0,Hi,greeting,,,\n"), "nope"));

    [Fact]
    public void JsonlTranscript_MissingTimes_AreSynthesisedAndBadLinesRejected()
    {
        var dir = Directory.CreateTempSubdirectory("jsonl-").FullName;
        var good = Path.Combine(dir, "good.jsonl");
        File.WriteAllText(good, "{\"speaker\":\"rep\",\"text\":\"Hi there\"}\n\n{\"speaker\":\"customer\",\"text\":\"Hello\",\"seq\":9,\"startMs\":5000,\"endMs\":6000}\n");
        var bad = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(bad, "{\"speaker\":\"boss\",\"text\":\"Hi\"}\n");

        var turns = JsonlTranscript.Read(good);

        Assert.Equal((1L, 0L), (turns[0].Seq, turns[0].StartMs));
        Assert.Equal((9L, 5000L, 6000L), (turns[1].Seq, turns[1].StartMs, turns[1].EndMs));
        Assert.Throws<InvalidDataException>(() => JsonlTranscript.Read(bad));
    }
}
