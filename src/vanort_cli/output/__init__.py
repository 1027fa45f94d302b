"""What people and scripts are shown: console and stderr, text of values,
JSON streaming, CSV, fitted Rich tables, the renderers and Markdown escaping,
one module each. May import domain/ and i18n/ only."""
