using ImdbSentiment.Text.Internal;

namespace ImdbSentiment.Tests.Text;

/// <summary>The prefix, suffix, infix and URL rules on their own (spec §6, §9).</summary>
public sealed class RuleTests
{
    private static int[] Cps(string s) => [.. s.EnumerateRunes().Select(r => r.Value)];

    [Theory]
    [InlineData("(a", 1)]
    [InlineData("....a", 4)]
    [InlineData(".a", 0)]
    [InlineData("+a", 1)]
    [InlineData("+5", 0)]
    [InlineData("US$5", 3)]
    [InlineData("C$5", 2)]
    [InlineData("$5", 1)]
    [InlineData("……", 1)]
    [InlineData("💙a", 1)]
    [InlineData("-a", 0)]
    [InlineData("@a", 0)]
    public void Prefix_length(string s, int expected) => Assert.Equal(expected, PrefixRules.Length(Cps(s)));

    [Theory]
    [InlineData("a.", 1)]
    [InlineData("A.", 0)]
    [InlineData("AB.", 1)]
    [InlineData("aB.", 0)]
    [InlineData("a....", 4)]
    [InlineData("a……", 2)]
    [InlineData("Smith's", 2)]
    [InlineData("5km/h", 4)]
    [InlineData("5US$", 3)]
    [InlineData("10k", 0)]
    [InlineData("5тбكم", 4)]
    [InlineData("x@.", 0)]
    [InlineData("a%.", 1)]
    [InlineData("#.", 1)]
    [InlineData("a|.", 1)]
    [InlineData("°C.", 1)]
    [InlineData("C.", 0)]
    [InlineData("pre-", 0)]
    [InlineData("5+", 1)]
    [InlineData("a+", 0)]
    public void Suffix_length(string s, int expected) => Assert.Equal(expected, SuffixRules.Length(Cps(s)));

    [Theory]
    [InlineData("a--b", "1:2")]
    [InlineData("a---b", "1:3")]
    [InlineData("a——b", "1:2")]
    [InlineData("103.27-300", "6:1")]
    [InlineData("a~b", "1:1")]
    [InlineData("1,000", "")]
    [InlineData("U.S", "")]
    [InlineData("x=1", "")]
    [InlineData("a=b", "1:1")]
    [InlineData("i💙you", "1:1")]
    [InlineData("a..b...c", "1:2 4:3")]
    public void Infix_matches(string s, string expected)
    {
        var matches = new List<(int Start, int Length)>();
        InfixRules.Find(Cps(s), matches);
        Assert.Equal(expected, string.Join(" ", matches.Select(m => $"{m.Start}:{m.Length}")));
    }

    [Theory]
    [InlineData("www.google.com", true)]
    [InlineData("google.com", true)]
    [InlineData("Google.com", true)]
    [InlineData("hello.world", true)]
    [InlineData("http://foo.com/blah_(wikipedia)", true)]
    [InlineData("mailto:foo.bar@baz.com", true)]
    [InlineData("john.doe@example.co.uk", true)]
    [InlineData("hi+there@gmail.it", true)]
    [InlineData("http://8.8.8.8:8080/x", true)]
    [InlineData("example.com:80", true)]
    [InlineData("example.com:8", false)]
    [InlineData("a.b", false)]
    [InlineData("NASDAQ:GOOG", false)]
    [InlineData("http://10.1.1.1", false)]
    [InlineData("http://192.168.0.1", false)]
    [InlineData("http://172.20.0.1", false)]
    [InlineData("http://172.32.0.1", true)]
    [InlineData("example.COM", false)]
    [InlineData("a..com", false)]
    [InlineData("-a.com", false)]
    public void Url_match(string s, bool expected) => Assert.Equal(expected, UrlMatcher.IsMatch(Cps(s)));
}
