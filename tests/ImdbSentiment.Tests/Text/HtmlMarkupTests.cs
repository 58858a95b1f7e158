using ImdbSentiment.Text;

namespace ImdbSentiment.Tests.Text;

public class HtmlMarkupTests
{
    [Theory]
    [InlineData("it.<br /><br />It was <i>fine</i>.", "it.It was fine.")]
    [InlineData("Sm&#269;ek &amp; co &quot;x&quot;", "Smček & co \"x\"")]
    [InlineData("a <b>bold</b> word", "a bold word")]
    [InlineData("3 < 4", "3 < 4")]
    [InlineData("", "")]
    public void Strip_should_remove_tags_and_decode_character_references_as_the_stripped_copy_does(string text, string stripped)
    {
        Assert.Equal(stripped, HtmlMarkup.Strip(text));
    }

    [Theory]
    [InlineData("The end.The next paragraph.", "The end.<br /><br />The next paragraph.")]
    [InlineData("Wow!Really?Yes.", "Wow!<br /><br />Really?<br /><br />Yes.")]
    [InlineData("He said \"no.\"Then he left.", "He said \"no.\"<br /><br />Then he left.")]
    [InlineData("Made in the U.S.A. in 1999.", "Made in the U.S.A. in 1999.")]
    [InlineData("version 2.0.It", "version 2.0.It")]
    [InlineData("Already spaced. Fine.", "Already spaced. Fine.")]
    public void Restoring_should_put_a_paragraph_break_back_only_where_one_was_stripped(string stripped, string restored)
    {
        Assert.Equal(restored, HtmlMarkup.RestoreStrippedLineBreaks(stripped));
    }

    [Theory]
    [InlineData("a<br />b", true)]
    [InlineData("a<BR>b", true)]
    [InlineData("a<br/>b", true)]
    [InlineData("a <i>b</i>", false)]
    public void Should_tell_line_break_tags_apart(string text, bool has)
    {
        Assert.Equal(has, HtmlMarkup.HasLineBreakTags(text));
    }
}
