using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Tests.Interactions;

public class PiiRedactorTests
{
    [Theory]
    [InlineData("mail me at john.doe@example.com please", "mail me at [email] please")]
    [InlineData("my card is 4111 1111 1111 1111, thanks", "my card is [card], thanks")]
    [InlineData("card 5500-0000-0000-0004", "card [card]")]
    [InlineData("call me on +1 (415) 555-0100 tomorrow", "call me on [phone] tomorrow")]
    [InlineData("mein Handy: 0171 2345678", "mein Handy: [phone]")]
    [InlineData("我的手机是13812345678", "我的手机是[phone]")]
    public void Redact_Pii_IsReplaced(string text, string expected) => Assert.Equal(expected, PiiRedactor.Redact(text));

    [Theory]
    [InlineData("We have 250 users and a budget of 40,000 dollars")]
    [InlineData("Order 1234 5678 9012 3456 7 shipped")]
    [InlineData("Let's meet at 10:30 on 12/05")]
    public void Redact_NoPii_LeavesTextAlone(string text) => Assert.Equal(text, PiiRedactor.Redact(text));
}
