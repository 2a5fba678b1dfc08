#!/usr/bin/env python3
"""Check that the documentation's links and path references resolve inside the repository.

Usage: scripts/check-links.py [FILE.md ...]   (default: every README*.md and every docs/**/*.md)

For each Markdown file:
  - every relative link, [text](target) or [label]: target, must name a file or folder
    that exists inside the repository (a #fragment is ignored; http:, https:, mailto:
    links and in-page #anchors are not checked);
  - every path-like word in inline code (`Sources/TwitchwiseCore/Triage/`,
    `Tests/EvalSets/triage-*.jsonl`: a word with a '/' or a file name with a known
    extension) must exist, relative to the file's folder or to the repository's root
    (globs must match something; a bare file name may be anywhere in the repository);
  - in fenced code blocks, a path-like word is checked when it starts with ./ or ../ or
    its first part is a file or folder of the repository's root or of the file's folder
    (so example output such as `broken/Responses/x.yaml` and /tmp files are left alone);
  - an absolute path of a development machine (/work/, /home/, /Users/, /root/, /mnt/,
    /srv/) is an error anywhere, code or prose.
Not checked: build products (.build/...), ~ and $VARIABLE paths, and ../shared/..., the
evaluation folder that sits beside the repository (docs/evaluation.md), when written in code;
a link to it is an error, since it is not part of the repository.
Errors are printed as file:line: error: message. Exit 0 when there is none, 1 otherwise.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Files of the evaluation folder beside the repository (../shared/eval), named alone in prose.
EXTERNAL = {"score.py", "dev.jsonl", "ood-hwu64.jsonl", "ood-medquad.jsonl"}
EXTENSIONS = ("md", "yaml", "yml", "json", "jsonl", "swift", "py", "sh", "txt", "xml", "c", "h", "modulemap")
MACHINE = re.compile(r"(?<![\w.~$/-])(/(?:work|home|Users|root|mnt|srv)/[^\s`'\")\]]*)")
LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
PATHISH = re.compile(r"^(?:\.{1,2}/)?[\w.*\-]+(?:/[\w.*\-]*)+$")
FILENAME = re.compile(r"^[\w.*\-]+\.(?:%s)$" % "|".join(EXTENSIONS))


def markdown_files():
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, capture_output=True, check=True).stdout.decode()
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for folder, dirs, names in os.walk(ROOT):
            dirs[:] = [d for d in dirs if not d.startswith(".build") and d != ".git"]
            files += [os.path.relpath(os.path.join(folder, n), ROOT) for n in names]
    return sorted(f for f in files if f.endswith(".md")
                  and (re.match(r"README[^/]*\.md$", os.path.basename(f)) or f.startswith("docs/"))
                  and os.path.exists(os.path.join(ROOT, f)))


def inside(path):
    real = os.path.realpath(path)
    return real == ROOT or real.startswith(ROOT + os.sep)


def exists_inside(path):
    """Whether a path (possibly a glob) names something inside the repository."""
    if any(c in path for c in "*?["):
        return any(inside(p) and ".build" not in os.path.relpath(p, ROOT).split(os.sep) for p in glob.glob(path))
    return os.path.exists(path) and inside(path)


_basenames = None


def anywhere(name):
    """Whether a file of this name (or glob) is somewhere in the repository."""
    global _basenames
    if _basenames is None:
        _basenames = set()
        for folder, dirs, names in os.walk(ROOT):
            dirs[:] = [d for d in dirs if not d.startswith(".build") and d not in (".git", ".swiftpm")]
            _basenames.update(names)
            _basenames.update(dirs)
    if any(c in name for c in "*?["):
        import fnmatch
        return any(fnmatch.fnmatch(n, name) for n in _basenames)
    return name in _basenames


def skipped(word):
    return (not word or "://" in word or word.startswith(("~", "$", "-", "@")) or "{{" in word
            or ".build" in word.split("/") or word.startswith("../.build") or "<" in word)


def clean_word(word):
    word = word.strip("\"'()[]{},;")
    word = re.sub(r"(:\d+)+$", "", word)  # file:line:col
    return word.rstrip(".:,;")


def main():
    if any(a in ("-h", "--help") for a in sys.argv[1:]):
        print(__doc__.strip())
        return 0
    files = sys.argv[1:] or markdown_files()
    errors = []
    root_entries = set(os.listdir(ROOT))

    for rel in files:
        path = os.path.join(ROOT, rel) if not os.path.isabs(rel) else rel
        rel = os.path.relpath(path, ROOT)
        here = os.path.dirname(path)
        local_entries = set(os.listdir(here)) if os.path.isdir(here) else set()

        def error(n, message):
            errors.append("%s:%d: error: %s" % (rel, n, message))

        def check_word(n, word, fenced):
            word = clean_word(word)
            if skipped(word):
                return
            if word.startswith("../shared/") or word == "../shared":
                return  # the evaluation folder beside the repository, documented as outside it
            if not (PATHISH.match(word) or FILENAME.match(word)):
                return
            bare = word[2:] if word.startswith("./") else word
            if "/" not in bare.rstrip("/"):
                # A file name alone: it must be somewhere in the repository, unless it is a
                # placeholder (FILE.jsonl), a file of the evaluation folder, or a folder name.
                stem = bare.split(".")[0]
                if not FILENAME.match(bare) or stem.isupper() or bare in EXTERNAL or fenced:
                    return
                if not (anywhere(bare) or exists_inside(os.path.join(here, bare))):
                    error(n, "'%s' names no file in the repository" % word)
                return
            # A path: checked when it names a file (a known extension) or starts in a folder
            # that exists; others (benchmark names such as Request/full) are not paths.
            ups = 0
            while bare.startswith("../"):
                bare, ups = bare[3:], ups + 1
            first = bare.split("/")[0]
            base = os.path.normpath(os.path.join(here, *[".."] * ups))
            starts = (os.path.exists(os.path.join(base, first)) or (ups == 0 and first in root_entries))
            named = not fenced and FILENAME.match(bare.split("/")[-1] or "x")
            if not (starts or named):
                return
            if not (exists_inside(os.path.join(here, word)) or exists_inside(os.path.join(ROOT, word))):
                error(n, "'%s' does not exist in the repository (relative to %s or to the root)"
                      % (word, os.path.relpath(here, ROOT) if here != ROOT else "the root"))

        def check_link(n, target):
            if target.startswith(("http://", "https://", "mailto:", "#")):
                return
            target = target.split("#", 1)[0]
            if not target:
                return
            if target.startswith("/"):
                error(n, "link '%s' is an absolute path; use a path relative to %s" % (target, rel))
                return
            resolved = os.path.normpath(os.path.join(here, target))
            if not inside(resolved):
                error(n, "link '%s' points outside the repository" % target)
            elif not os.path.exists(resolved):
                error(n, "link '%s' does not resolve (no %s)" % (target, os.path.relpath(resolved, ROOT)))

        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        fence = None
        for n, line in enumerate(lines, 1):
            for m in MACHINE.finditer(line):
                error(n, "'%s' is a path of a development machine; make it relative to the repository" % m.group(1))
            opening = FENCE.match(line)
            if fence:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                    fence = None
                else:
                    for word in line.split():
                        check_word(n, word, fenced=True)
                continue
            if opening:
                fence = opening.group(1)
                continue
            prose = CODE_SPAN.sub(" ", line)
            for m in LINK.finditer(prose):
                check_link(n, m.group(1))
            m = REFERENCE.match(line)
            if m:
                check_link(n, m.group(1))
            for span in CODE_SPAN.finditer(line):
                for word in span.group(2).split():
                    check_word(n, word, fenced=False)

    for e in errors:
        print(e)
    print("%d Markdown files checked: %s" % (len(files), "%d errors" % len(errors) if errors else "every link and path resolves"),
          file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
