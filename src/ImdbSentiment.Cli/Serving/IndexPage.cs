using System.Security.Cryptography;
using System.Text;

namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// The page served at <c>GET /</c>: one self-contained HTML document (no external assets) where a person types a
/// review and sees its probability as a bar and its label. Its inline style and script are allowed by hash in a
/// strict Content-Security-Policy.
/// </summary>
internal static class IndexPage
{
    private const string Style = """

        :root { color-scheme: light dark; --pos: #1f9d55; --neg: #d64545; --ink: #1d2433; --muted: #667085; --card: #ffffff; --bg: #eef1f6; --line: #d6dbe4; }
        @media (prefers-color-scheme: dark) { :root { --ink: #e7eaf0; --muted: #98a2b3; --card: #1b2130; --bg: #111520; --line: #2d3548; } }
        * { box-sizing: border-box; }
        body { margin: 0; min-height: 100vh; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); display: flex; justify-content: center; align-items: flex-start; }
        main { width: min(720px, 100% - 2rem); margin: 3rem 0; background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 2rem; box-shadow: 0 10px 30px rgb(0 0 0 / 0.08); }
        h1 { margin: 0 0 0.25rem; font-size: 1.6rem; }
        p.lead { margin: 0 0 1.25rem; color: var(--muted); }
        label[for=review] { display: block; font-weight: 600; margin-bottom: 0.4rem; }
        textarea { width: 100%; min-height: 9rem; resize: vertical; padding: 0.75rem; font: inherit; color: inherit; background: transparent; border: 1px solid var(--line); border-radius: 10px; }
        textarea:focus { outline: 2px solid #4c6ef5; outline-offset: 1px; }
        .actions { display: flex; align-items: center; gap: 1rem; margin-top: 0.75rem; }
        button { font: inherit; font-weight: 600; padding: 0.6rem 1.4rem; border: 0; border-radius: 10px; color: #fff; background: #4c6ef5; cursor: pointer; }
        button:hover { background: #3b5bdb; }
        button:disabled { opacity: 0.6; cursor: progress; }
        .hint { color: var(--muted); font-size: 0.875rem; }
        #result { margin-top: 1.75rem; }
        #result[hidden] { display: none; }
        .verdict { display: flex; align-items: baseline; gap: 0.75rem; margin-bottom: 0.5rem; }
        #label { font-size: 1.4rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
        #label.pos { color: var(--pos); }
        #label.neg { color: var(--neg); }
        #probability { color: var(--muted); font-variant-numeric: tabular-nums; }
        .track { position: relative; height: 18px; border-radius: 9px; background: linear-gradient(90deg, rgb(214 69 69 / 0.18), rgb(31 157 85 / 0.18)); overflow: hidden; }
        #bar { height: 100%; width: 0; border-radius: 9px; transition: width 0.35s ease, background-color 0.35s ease; }
        @media (prefers-reduced-motion: reduce) { #bar { transition: none; } }
        #bar.pos { background: var(--pos); }
        #bar.neg { background: var(--neg); }
        .track::after { content: ""; position: absolute; left: 50%; top: 0; bottom: 0; border-left: 2px dashed rgb(127 127 127 / 0.6); }
        .scale { display: flex; justify-content: space-between; font-size: 0.8rem; color: var(--muted); margin-top: 0.25rem; }
        #error { margin-top: 1rem; color: var(--neg); }
        footer { margin-top: 2rem; font-size: 0.8rem; color: var(--muted); }

        """;

    private const string Script = """

        const form = document.getElementById("form");
        const review = document.getElementById("review");
        const button = document.getElementById("score");
        const result = document.getElementById("result");
        const label = document.getElementById("label");
        const probability = document.getElementById("probability");
        const low = document.getElementById("low");
        const high = document.getElementById("high");
        const bar = document.getElementById("bar");
        const error = document.getElementById("error");

        async function score(event) {
          event.preventDefault();
          error.textContent = "";
          const text = review.value;
          if (text.trim().length === 0) { error.textContent = "Type a review first."; return; }
          button.disabled = true;
          try {
            const response = await fetch("api/predict", {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ text })
            });
            const body = await response.json();
            if (!response.ok) { throw new Error(body.error || response.statusText); }
            const percent = body.probability * 100;
            // Two classes: the bar is the second class's probability (positive, for sentiment) and it wins above one half.
            // More classes: the bar is the predicted class's probability.
            const names = Object.keys(body.probabilities || {});
            const binary = names.length <= 2;
            const kind = !binary || body.probability > 0.5 ? "pos" : "neg";
            const show = name => name === "pos" ? "positive" : name === "neg" ? "negative" : name;
            label.textContent = show(body.label);
            label.className = kind;
            label.dataset.label = kind;
            probability.textContent = percent.toFixed(1) + "% " + show(binary ? (names[1] || "pos") : body.label);
            low.textContent = binary ? show(names[0] || "neg") : "0%";
            high.textContent = binary ? show(names[1] || "pos") : "100%";
            bar.className = kind;
            bar.style.width = percent.toFixed(1) + "%";
            bar.setAttribute("aria-valuenow", percent.toFixed(1));
            result.dataset.text = text;
            result.hidden = false;
          } catch (e) {
            error.textContent = "Could not score the review: " + e.message;
          } finally {
            button.disabled = false;
          }
        }

        form.addEventListener("submit", score);
        review.addEventListener("keydown", e => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { form.requestSubmit(); } });
        fetch("healthz").then(r => r.json()).then(h => {
          document.getElementById("model").textContent = h.model.preset + " — " + h.model.architecture;
        }).catch(() => {});

        """;

    public static string Html { get; } = $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>IMDb sentiment</title>
        <link rel="icon" href="data:,">
        <style>{{Style}}</style>
        </head>
        <body>
        <main>
          <h1>IMDb sentiment</h1>
          <p class="lead">Type a movie review; a model trained on IMDb reviews says how positive it is.</p>
          <form id="form">
            <label for="review">Your review</label>
            <textarea id="review" name="review" placeholder="This movie was a delight from start to finish…" required></textarea>
            <div class="actions">
              <button id="score" type="submit">Score review</button>
              <span class="hint">or press Ctrl+Enter</span>
            </div>
          </form>
          <section id="result" hidden aria-live="polite">
            <div class="verdict"><span id="label"></span><span id="probability"></span></div>
            <div class="track"><div id="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-label="probability positive"></div></div>
            <div class="scale"><span id="low">negative</span><span>50%</span><span id="high">positive</span></div>
          </section>
          <div id="error" role="alert"></div>
          <footer>Model: <span id="model">…</span></footer>
        </main>
        <script>{{Script}}</script>
        </body>
        </html>

        """;

    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; connect-src 'self'; img-src data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
