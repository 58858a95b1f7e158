namespace ImdbSentiment.Text.Internal;

/// <summary>The multi-character CURRENCY and UNITS entries of spec §5, as code-point arrays grouped by length.</summary>
internal static class AffixTables
{
    /// <summary>
    /// spaCy's <c>_units</c>, verbatim, including the missing space that fuses <c>тб</c> with the first Arabic unit.
    /// </summary>
    private const string Units =
        "km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft " +
        "kg g mg µg t lb oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb " +
        "TB T G M K % км км² км³ м м² м³ дм дм² дм³ см см² см³ мм мм² мм³ нм " +
        "кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ тб" +
        "كم كم² كم³ م م² م³ سم سم² سم³ مم مم² مم³ كم غرام جرام جم كغ ملغ كوب اكواب";

    /// <summary>CURRENCY (spec §5); U+20A0–U+20BF are added in <see cref="Build"/>.</summary>
    private const string Currency = "$ £ € ¥ ฿ US$ C$ A$ ₽ ﷼ ₴";

    /// <summary>Entries that may follow an ASCII digit as a suffix (CURRENCY and UNITS), indexed by length.</summary>
    public static readonly int[][][] AfterDigitByLength = Build();

    public static readonly int MaxAfterDigitLength = AfterDigitByLength.Length - 1;

    private static int[][][] Build()
    {
        var entries = new List<int[]>();
        foreach (var word in (Units + " " + Currency).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var cps = new List<int>();
            foreach (var rune in word.EnumerateRunes())
            {
                cps.Add(rune.Value);
            }

            entries.Add([.. cps]);
        }

        for (var c = 0x20A0; c <= 0x20BF; c++)
        {
            entries.Add([c]);
        }

        var max = entries.Max(e => e.Length);
        var byLength = new int[max + 1][][];
        for (var length = 0; length <= max; length++)
        {
            byLength[length] = [.. entries.Where(e => e.Length == length)];
        }

        return byLength;
    }
}
