namespace ImdbSentiment.Tests.Text;

/// <summary>The table rows of the tokenizer specification (docs/tokenizer.md, how it is checked) §2, §4, §10 and §11, with the exact expected token texts.</summary>
public static class SpecTables
{
    public static TheoryData<string, string, string[]> Whitespace => new()
    {
        { "§2 single space", "a b", ["a", "b"] },
        { "§2 two spaces", "a  b", ["a", " ", "b"] },
        { "§2 three spaces", "a   b", ["a", "  ", "b"] },
        { "§2 newline", "a\nb", ["a", "\n", "b"] },
        { "§2 space newline", "a \nb", ["a", "\n", "b"] },
        { "§2 newline space", "a\n b", ["a", "\n ", "b"] },
        { "§2 space newline space", "a \n b", ["a", "\n ", "b"] },
        { "§2 two newlines", "a\n\nb", ["a", "\n\n", "b"] },
        { "§2 crlf", "a\r\nb", ["a", "\r\n", "b"] },
        { "§2 nbsp", "a\u00A0b", ["a", "\u00A0", "b"] },
        { "§2 leading space", " a", [" ", "a"] },
        { "§2 two leading spaces", "  a", ["  ", "a"] },
        { "§2 trailing space", "a ", ["a"] },
        { "§2 two trailing spaces", "a  ", ["a", " "] },
        { "§2 space newline at end", "a \n", ["a", "\n"] },
        { "§2 empty", "", [] },
    };

    public static TheoryData<string, string, string[]> FinalPass => new()
    {
        { "§4 Hello:)", "Hello:)", ["Hello", ":)"] },
        { "§4 cool:D", "cool:D", ["cool", ":D"] },
        { "§4 hi:).", "hi:).", ["hi", ":)", "."] },
        { "§4 Hello''", "Hello''", ["Hello", "''"] },
        { "§4 ''Hello''", "''Hello''", ["''", "Hello", "''"] },
        { "§4 Tuesday.Mr.", "Tuesday.Mr.", ["Tuesday", ".", "Mr."] },
        { "§4 Dr.Smith", "Dr.Smith", ["Dr.", "Smith"] },
        { "§4 a.B", "a.B", ["a.", "B"] },
        { "§4 5m.", "5m.", ["5", "m."] },
        { "§4 No--don't", "No--don't", ["No", "--", "don't"] },
    };

    public static TheoryData<string, string, string[]> LineBreaks => new()
    {
        { "§10 period before", "word.<br /><br />Word", ["word.<br", "/><br", "/>Word"] },
        { "§10 letter before", "word<br /><br />word", ["word", "<", "br", "/><br", "/>word"] },
        { "§10 digit before", "10<br /><br />Word", ["10", "<", "br", "/><br", "/>Word"] },
        { "§10 bang before", "word!<br /><br />Word", ["word!<br", "/><br", "/>Word"] },
        { "§10 comma before", "word,<br /><br />Word", ["word,<br", "/><br", "/>Word"] },
        { "§10 paren before", "word)<br /><br />Word", ["word)<br", "/><br", "/>Word"] },
        { "§10 quote before", "word\"<br /><br />Word", ["word\"<br", "/><br", "/>Word"] },
        { "§10 space before", "word. <br /><br />Word", ["word", ".", "<", "br", "/><br", "/>Word"] },
        { "§10 space after", "word.<br /><br /> Word", ["word.<br", "/><br", "/", ">", "Word"] },
        { "§10 alone", "<br /><br />", ["<", "br", "/><br", "/", ">"] },
        { "§10 comma after word", "word.<br /><br />Word,", ["word.<br", "/><br", "/>Word", ","] },
        { "§10 quote after", "word.<br /><br />\"Word", ["word.<br", "/><br", "/>\"Word"] },
        { "§10 contraction after", "word.<br /><br />I'm", ["word.<br", "/><br", "/>I'm"] },
        { "§10 ellipsis before", "word...<br /><br />Word", ["word", "...", "<br", "/><br", "/>Word"] },
        { "§10 four tags", "word.<br /><br /><br /><br />Word", ["word.<br", "/><br", "/><br", "/><br", "/>Word"] },
        { "§10 no spaces", "word.<br/><br/>Word", ["word.<br/><br/>Word"] },
        { "§10 single tag", "<br />", ["<", "br", "/", ">"] },
        { "§10 it's after tags", "it.<br /><br />It's", ["it.<br", "/><br", "/>It", "'s"] },
    };

    public static TheoryData<string, string, string[]> Pitfalls => new()
    {
        { "§11.1 tab", "a\tb", ["a", "\t", "b"] },
        { "§11.2 mr lower", "mr. Dr.", ["mr", ".", "Dr."] },
        { "§11.2 single capitals", "J. I.", ["J.", "I."] },
        { "§11.2 dotted capitals", "U.S. U.S.A. Ph.D. N.Y.", ["U.S.", "U.S.A.", "Ph.D.", "N.Y."] },
        { "§11.2 plan b.", "plan b.", ["plan", "b."] },
        { "§11.2 etc.", "etc.", ["etc", "."] },
        { "§11.3 ellipsis run", "Hmm....", ["Hmm", "...."] },
        { "§11.3 unicode ellipsis", "…", ["…"] },
        { "§11.3 double unicode ellipsis", "……", ["…", "…"] },
        { "§11.3 single period prefix", ".hello", [".hello"] },
        { "§11.4 free dashes", "-- -", ["--", "-"] },
        { "§11.4 leading hyphen", "-5 -a", ["-5", "-a"] },
        { "§11.4 em dash", "\u2014word\u2014 a\u2014b", ["\u2014", "word", "\u2014", "a", "\u2014", "b"] },
        { "§11.4 en dash", "\u2013word\u2013 a\u2013b", ["\u2013", "word", "\u2013", "a", "\u2013", "b"] },
        { "§11.4 2--3", "2--3", ["2", "-", "-3"] },
        { "§11.5 bangs", "awful!!!", ["awful", "!", "!", "!"] },
        { "§11.5 mixed", "what?!?!", ["what", "?", "!", "?", "!"] },
        { "§11.5 stars", "****", ["*", "*", "*", "*"] },
        { "§11.6 whole numbers", "1,000 3.5 10/10 1/2 3/4/2012 12:30 1.5x 2nd 1990s", ["1,000", "3.5", "10/10", "1/2", "3/4/2012", "12:30", "1.5x", "2nd", "1990s"] },
        { "§11.6 '90s", "'90s", ["'", "90s"] },
        { "§11.6 money", "$5 5% 50%.", ["$", "5", "5", "%", "50", "%", "."] },
        { "§11.6 units", "10km 10k", ["10", "km", "10k"] },
        { "§11.6 ranges", "1-2 1990-91", ["1", "-", "2", "1990", "-", "91"] },
        { "§11.6 plus", "+5 5+", ["+5", "5", "+"] },
        { "§11.7 hyphenated", "well-known 12-year-old", ["well", "-", "known", "12", "-", "year", "-", "old"] },
        { "§11.7 kept", "mid-1990s U.S.-based pre-", ["mid-1990s", "U.S.-based", "pre-"] },
        { "§11.8 slashes", "he/she TV/film n/a A/B", ["he", "/", "she", "TV", "/", "film", "n", "/", "a", "A", "/", "B"] },
        { "§11.8 digit slashes", "24/7 50/50", ["24/7", "50/50"] },
        { "§11.8 km/h", "5km/h km/h", ["5", "km/h", "km", "/", "h"] },
        { "§11.9 urls", "hello.world file.txt a.b.c", ["hello.world", "file.txt", "a.b.c"] },
        { "§11.10 possessives", "Smith's SMITH'S James'", ["Smith", "'s", "SMITH", "'S", "James", "'"] },
        { "§11.10 internal apostrophes", "O'Neil rock'n'roll 5'10", ["O'Neil", "rock'n'roll", "5'10"] },
        { "§11.10 leading apostrophe", "'Tis 'Em", ["'", "Tis", "'", "Em"] },
        { "§11.10 apostrophe exceptions", "'em 'cause 'Cause 'cos 'Cos 'coz 'Coz 'cuz 'Cuz 'bout 'nuff 'll 're 'd 's 'S", ["'em", "'cause", "'Cause", "'cos", "'Cos", "'coz", "'Coz", "'cuz", "'Cuz", "'bout", "'nuff", "'ll", "'re", "'d", "'s", "'S"] },
        { "§11.11 casing", "Don't DON'T dOn't", ["Do", "n't", "DON'T", "dOn't"] },
        { "§11.11 unlisted", "y'know 'twas", ["y'know", "'", "twas"] },
        { "§11.12 emoji", "LOL😂 🍕🍔", ["LOL", "😂", "🍕", "🍔"] },
        { "§11.12 dunk", "dunk?🍕🍔😵LOL", ["dunk?", "🍕", "🍔", "😵", "LOL"] },
        { "§11.12 zwj family", "👨\u200D👩\u200D👧", ["👨", "\u200D", "👩", "\u200D", "👧"] },
        { "§11.13 merged", "ok:( lol:P :)Hello", ["ok", ":(", "lol", ":P", ":)", "Hello"] },
        { "§11.13 not merged", "hi:-) so:/ a:)b", ["hi:-", ")", "so:/", "a:)b"] },
        { "§11.14 degrees", "5°C °C.", ["5", "°", "C", "°", "C", "."] },
        { "§11.16 brackets", "word(s) f(x)", ["word(s", ")", "f(x", ")"] },
    };
}
