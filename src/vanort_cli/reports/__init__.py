"""The documents made from a report: the words, the memo, the HTML document, its
markup, the charts and the rotation picture. The only room that imports
matplotlib; may import domain/, output/, i18n/ and files; never store/ or cli/."""
