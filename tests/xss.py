"""An XSS corpus: what a hostile delegate might type into any text field. Each payload, if it ever ran,
would set window.__pwned, open a dialog or fetch /xss-hit: the browser tests watch for all three."""

from __future__ import annotations

HIT = "window.__pwned=1"

PAYLOADS = [
    f"<script>{HIT}</script>",
    f'<img src=x onerror="{HIT}">',
    f"<svg onload={HIT}><circle r=1 /></svg>",
    f"<svg><script>{HIT}</script></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={HIT}></style></mglyph></table></mtext></math>",
    f'<a href="javascript:{HIT}">read the annex</a>',
    '<p hx-get="/xss-hit" hx-trigger="load">htmx, please</p>',
    '<div data-hx-get="/xss-hit" data-hx-trigger="load" hx-on::load="window.__pwned=1">also</div>',
    f'<iframe srcdoc="<script>parent.{HIT}</script>"></iframe>',
    f'<em onmouseover="{HIT}" style="position:fixed;inset:0">hover</em>',
    f"<details open ontoggle={HIT}>x</details>",
    f'"><script>{HIT}</script>',
    f"'-alert(1)-'</textarea><script>{HIT}</script>",
    "<template><script>alert(1)</script></template>",
    "Recalling\u202e noitulos\u202c the \u200bhidden\u2066 text",
    "<em>Italic</em> and <strong>bold</strong> and H<sub>2</sub>O stay",
]

# Where the payload may be typed: titles and phrases are short; a clause's text is longer.
SHORT = [p[:80] for p in PAYLOADS]
