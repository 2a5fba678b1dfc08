#!/usr/bin/env python3
"""How well the matcher does on phrasings it has not seen: k-fold cross-validation
over the intents' own examples. Each fold's examples are left out of a copy of
the content and classified by the release binary built from the rest.
With --without-copied, each fold's lexicon also loses every term of two words or more
that occurs word for word in one of the fold's held-out examples (a phrase copied from
an example would tell the matcher the answer), so the figure measures the mechanisms.
Usage: scripts/crossval.py [-v] [--without-copied]   (after `swift build -c release`, or with
TWITCHWISE=path/to/binary; needs PyYAML)"""
import yaml, glob, os, re, shutil, subprocess, json, sys, random, tempfile
root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work=tempfile.mkdtemp(prefix='twitchwise-crossval-')
K=5
files=sorted(glob.glob(root+'/Intents/*.yaml'))
data={f:yaml.safe_load(open(f)) for f in files}
items=[]
for f,d in data.items():
    if 'intents' not in (d or {}): continue
    for it in d['intents']:
        for ex in it.get('examples',[]) or []:
            items.append((it['id'],ex))
random.seed(1); random.shuffle(items)
wrong=[]; total=0
for k in range(K):
    held=set((i,e) for n,(i,e) in enumerate(items) if n%K==k)
    tmp=os.path.join(work,'fold%d'%k); shutil.rmtree(tmp,ignore_errors=True)
    shutil.copytree(root+'/Documents',tmp+'/Documents'); shutil.copytree(root+'/Responses',tmp+'/Responses'); os.makedirs(tmp+'/Intents')
    shutil.copy(root+'/Intents/known-words.txt', tmp+'/Intents/')
    heldText=[' '+' '.join(re.findall(r"[a-z0-9]+", e.lower().replace("'", "")))+' ' for _,e in held]
    removed=0
    for f,d in data.items():
        d2=json.loads(json.dumps(d))
        if '--without-copied' in sys.argv and 'concepts' in (d2 or {}):
            for c in d2['concepts']:
                kept=[]
                for t in c.get('terms',[]) or []:
                    words=re.findall(r"[a-z0-9]+", str(t).lower().replace("'", ""))
                    if len(words)>=2 and any(' '+' '.join(words)+' ' in h for h in heldText): removed+=1; continue
                    kept.append(t)
                if c.get('terms'): c['terms']=kept or c['terms'][:1]
        if 'intents' in (d2 or {}):
            for it in d2['intents']:
                if it.get('examples'): it['examples']=[e for e in it['examples'] if (it['id'],e) not in held]
        yaml.safe_dump(d2, open(tmp+'/Intents/'+os.path.basename(f),'w'), allow_unicode=True, sort_keys=False)
    if '--without-copied' in sys.argv: print("fold %d: %d lexicon terms copied from its held-out examples removed"%(k,removed))
    reqs=''.join(json.dumps({"id":n,"session":"s%d"%n,"text":e})+"\n" for n,(i,e) in enumerate(sorted(held)))
    out=subprocess.run([os.environ.get('TWITCHWISE', root+'/.build/release/twitchwise'),'--json','--content',tmp],input=reqs.encode(),capture_output=True)
    if out.returncode: print(out.stderr.decode()[:2000]); sys.exit(1)
    for (i,e),line in zip(sorted(held), out.stdout.decode().splitlines()):
        r=json.loads(line); total+=1
        got = r.get('intent') if r.get('kind')=='answer' else r.get('kind')
        if r.get('urgent'): got='urgent'
        if got!=i: wrong.append((i,got,e))
print("k-fold accuracy: %.1f%% (%d/%d)"%(100*(total-len(wrong))/total,total-len(wrong),total))
from collections import Counter
c=Counter((a,b) for a,b,_ in wrong)
for (a,b),n in c.most_common(25): print(n,a,'->',b)
if '-v' in sys.argv:
    for w in wrong: print(w)
shutil.rmtree(work, ignore_errors=True)
