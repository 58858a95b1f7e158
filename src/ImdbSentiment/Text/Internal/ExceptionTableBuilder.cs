namespace ImdbSentiment.Text.Internal;

/// <summary>
/// Generates spaCy's English exception table by the rules of spec §8 (base entries, generated contractions,
/// irregular and single-token entries, removals, then typographic-apostrophe twins). Later steps overwrite
/// earlier ones, as <c>update_exc</c> does.
/// </summary>
internal static class ExceptionTableBuilder
{
    private const string Emoticons =
        ":) :-) :)) :-)) :))) :-))) (: (-: =) (= :] :-] [: [-: [= =] :o) (o: :} :-} 8) 8-) (-8 " +
        ";) ;-) (; (-; :( :-( :(( :-(( :((( :-((( ): )-: =( >:( :') :'-) :'( :'-( :/ :-/ =/ =| " +
        ":| :-| ]= =[ :1 :P :-P :p :-p :O :-O :o :-o :0 :-0 :() >:o :* :-* :3 :-3 =3 :> :-> :X " +
        ":-X :x :-x :D :-D ;D ;-D =D xD XD xDD XDD 8D 8-D ^_^ ^__^ ^___^ >.< >.> <.< ._. ;_; " +
        "-_- -__- v.v V.V v_v V_V o_o o_O O_o O_O 0_o o_0 0_0 o.O O.o O.O o.o 0.0 o.0 0.o @_@ " +
        "<3 <33 <333 </3 (^_^) (-_-) (._.) (>_<) (*_*) (¬_¬) ಠ_ಠ ಠ︵ಠ (ಠ_ಠ) ¯\\(ツ)/¯ " +
        "(╯°□°）╯︵┻━┻ ><(((*>";

    private const string Abbreviations =
        "Mt. Ak. Ala. Apr. Ariz. Ark. Aug. Calif. Colo. Conn. Dec. Del. Feb. Fla. Ga. Ia. " +
        "Id. Ill. Ind. Jan. Jul. Jun. Kan. Kans. Ky. La. Mar. Mass. Mich. Minn. Miss. N.C. " +
        "N.D. N.H. N.J. N.M. N.Y. Neb. Nebr. Nev. Nov. Oct. Okla. Ore. Pa. S.C. Sep. Sept. " +
        "Tenn. Va. Wash. Wis. a.m. Adm. Bros. co. Co. Corp. D.C. Dr. e.g. E.g. E.G. Gen. " +
        "Gov. i.e. I.e. I.E. Inc. Jr. Ltd. Md. Messrs. Mo. Mont. Mr. Mrs. Ms. p.m. Ph.D. " +
        "Prof. Rep. Rev. Sen. St. vs. v.s.";

    private const string OtherSingles =
        "'S 's \u2018S \u2018s and/or w/o 're 'd 'Cause 'cause 'cos 'Cos 'coz 'Coz 'cuz 'Cuz 'bout " +
        "ma'am Ma'am o'clock O'clock";

    private const string Excluded = "Ill ill Its its Hell hell Shell shell Shed shed were Were Well well Whore whore";

    public static Dictionary<string, string[]> BuildEnglish()
    {
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AddBase(table);
        var english = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AddPronouns(english);
        AddWhWords(english);
        AddVerbs(english);
        AddInformal(english);
        AddIrregular(english);
        foreach (var word in Excluded.Split(' '))
        {
            english.Remove(word);
        }

        foreach (var (key, tokens) in english)
        {
            table[key] = tokens;
        }

        foreach (var (key, tokens) in table.ToList())
        {
            if (key.Contains('\'', StringComparison.Ordinal))
            {
                table[key.Replace('\'', '\u2019')] = [.. tokens.Select(t => t.Replace('\'', '\u2019'))];
            }
        }

        return table;
    }

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static void Add(Dictionary<string, string[]> table, params string[] tokens) =>
        table[string.Concat(tokens)] = tokens;

    private static void AddSingles(Dictionary<string, string[]> table, string words)
    {
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(table, word);
        }
    }

    private static void AddBase(Dictionary<string, string[]> table)
    {
        foreach (var single in new[] { " ", "\t", "\\t", "\n", "\\n", "\u2014", "\u00A0", "'", "\\\")", "<space>", "''", "C++" })
        {
            Add(table, single);
        }

        foreach (var letter in "abcdefghijklmnopqrstuvwxyzäöü")
        {
            Add(table, letter + ".");
        }

        foreach (var unit in "cfkCFK")
        {
            Add(table, "°", unit.ToString(), ".");
        }

        AddSingles(table, Emoticons);
    }

    /// <summary>Rows P1–P5 of the §8.2 table.</summary>
    private static void AddPronouns(Dictionary<string, string[]> table)
    {
        foreach (var orth in new[] { "i", "I" })
        {
            Add(table, orth, "'m");
            Add(table, orth, "m");
            Add(table, orth, "'m", "a");
            Add(table, orth, "m", "a");
        }

        foreach (var pron in new[] { "i", "you", "he", "she", "it", "we", "they" })
        {
            foreach (var orth in new[] { pron, Title(pron) })
            {
                AddWillWould(table, orth);
                if (pron is "i" or "you" or "we" or "they")
                {
                    Add(table, orth, "'ve");
                    Add(table, orth, "ve");
                }

                if (pron is "you" or "we" or "they")
                {
                    Add(table, orth, "'re");
                    Add(table, orth, "re");
                }

                if (pron is "he" or "she" or "it")
                {
                    Add(table, orth, "'s");
                    Add(table, orth, "s");
                }
            }
        }
    }

    /// <summary>Rows W1–W3 of the §8.2 table.</summary>
    private static void AddWhWords(Dictionary<string, string[]> table)
    {
        foreach (var word in new[] { "who", "what", "when", "where", "why", "how", "there", "that", "this", "these", "those" })
        {
            foreach (var orth in new[] { word, Title(word) })
            {
                if (word is not ("these" or "those"))
                {
                    Add(table, orth, "'s");
                    Add(table, orth, "s");
                }

                AddWillWould(table, orth);
                if (word is not ("that" or "this"))
                {
                    Add(table, orth, "'re");
                    Add(table, orth, "re");
                    Add(table, orth, "'ve");
                    Add(table, orth, "ve");
                }
            }
        }
    }

    private static void AddWillWould(Dictionary<string, string[]> table, string orth)
    {
        Add(table, orth, "'ll");
        Add(table, orth, "ll");
        Add(table, orth, "'ll", "'ve");
        Add(table, orth, "ll", "ve");
        Add(table, orth, "'d");
        Add(table, orth, "d");
        Add(table, orth, "'d", "'ve");
        Add(table, orth, "d", "ve");
    }

    /// <summary>Rows V1–V3 of the §8.2 table.</summary>
    private static void AddVerbs(Dictionary<string, string[]> table)
    {
        foreach (var verb in "ca could do does did had may might must need ought sha should wo would".Split(' '))
        {
            foreach (var orth in new[] { verb, Title(verb) })
            {
                Add(table, orth, "n't");
                Add(table, orth, "nt");
                Add(table, orth, "n't", "'ve");
                Add(table, orth, "nt", "ve");
            }
        }

        foreach (var verb in "could might must should would".Split(' '))
        {
            foreach (var orth in new[] { verb, Title(verb) })
            {
                Add(table, orth, "'ve");
                Add(table, orth, "ve");
            }
        }

        foreach (var verb in "ai are is was were have has dare".Split(' '))
        {
            foreach (var orth in new[] { verb, Title(verb) })
            {
                Add(table, orth, "n't");
                Add(table, orth, "nt");
            }
        }
    }

    /// <summary>Informal single tokens and times (spec §8.3).</summary>
    private static void AddInformal(Dictionary<string, string[]> table)
    {
        foreach (var word in "doin goin nothin nuthin ol somethin lovin havin".Split(' '))
        {
            foreach (var orth in new[] { word, Title(word) })
            {
                Add(table, orth);
                Add(table, orth + "'");
            }
        }

        AddSingles(table, "em ll nuff 'em 'll 'nuff");
        for (var hour = 1; hour <= 12; hour++)
        {
            var h = hour.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var period in new[] { "a.m.", "am", "p.m.", "pm" })
            {
                Add(table, h, period);
            }
        }
    }

    /// <summary>Irregular splits, other single tokens and abbreviations (spec §8.3).</summary>
    private static void AddIrregular(Dictionary<string, string[]> table)
    {
        Add(table, "y'", "all");
        Add(table, "y", "all");
        foreach (var (lower, upper) in new[] { ("how", "How"), ("not", "Not"), ("can", "Can"), ("gon", "Gon"), ("got", "Got"), ("let", "Let"), ("c'm", "C'm") })
        {
            foreach (var orth in new[] { lower, upper })
            {
                switch (lower)
                {
                    case "how": Add(table, orth, "'d", "'y"); break;
                    case "not": Add(table, orth, "'ve"); Add(table, orth, "ve"); break;
                    case "can": Add(table, orth, "not"); break;
                    case "gon": Add(table, orth, "na"); break;
                    case "got": Add(table, orth, "ta"); break;
                    case "let": Add(table, orth, "'s"); break;
                    default: Add(table, orth, "on"); break;
                }
            }
        }

        AddSingles(table, OtherSingles);
        AddSingles(table, Abbreviations);
    }
}
