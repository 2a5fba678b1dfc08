#!/usr/bin/env python3
"""A content folder with N generated intents (issue 22: loading and `check` at scale).

    Benchmarks/gen-content.py N OUT [--unknown K]

Copies the project's content (Intents/, Responses/, Documents/) to OUT and adds
Intents/generated.yaml with N intents (a question and one example each, every one
different) and Responses/generated.yaml with their responses. With --unknown K, K more
responses name intents that do not exist (each one a typo of a real id), so the loader
reports K errors, each with a "did you mean" hint.
"""
import os, shutil, sys

def word(i):
    letters = "bcdfghjklmnpqrstvwxz"
    out = ""
    while True:
        out += letters[i % 20]
        i //= 20
        if i == 0:
            return out

def main():
    args = sys.argv[1:]
    unknown = 0
    if "--unknown" in args:
        at = args.index("--unknown")
        unknown = int(args[at + 1])
        del args[at:at + 2]
    n, out = int(args[0]), args[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if os.path.exists(out):
        shutil.rmtree(out)
    for folder in ("Intents", "Responses", "Documents"):
        shutil.copytree(os.path.join(root, folder), os.path.join(out, folder))
    with open(os.path.join(out, "Intents", "generated.yaml"), "w") as f:
        f.write("intents:\n")
        for i in range(n):
            w = word(i)
            f.write(f"  - id: generated_{w}\n    question: What is zorb{w}?\n"
                    f"    description: Generated intent {i}.\n    examples:\n      - tell me about zorb{w} please\n")
    with open(os.path.join(out, "Responses", "generated.yaml"), "w") as f:
        f.write("responses:\n")
        for i in range(n):
            f.write(f"  - intent: generated_{word(i)}\n    answer: The zorb {word(i)} is generated.\n")
        for i in range(unknown):
            f.write(f"  - intent: generated_{word(i)}x\n    answer: A response for an intent that is not there.\n")

main()
