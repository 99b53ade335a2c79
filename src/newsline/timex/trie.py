"""Word lists as prefix-tree regular expressions.

Python's regex engine tries the branches of an alternation one by one at every position;
a prefix tree (``a(?:go|bout)`` instead of ``ago|about``) lets it give up after one
character, which makes vocabulary-heavy patterns several times faster to scan.
"""

from __future__ import annotations

import re


def trie_regex(words: list[str] | set[str]) -> str:
    """A non-capturing regex matching exactly the given strings (longest first at each fork).

    A space in a word matches any run of white space.
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root) if root else "(?!)"


def _emit(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        head = r"\s+" if char == " " else re.escape(char)
        branches.append(head + _emit(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body
