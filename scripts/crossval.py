#!/usr/bin/env python3
"""How well the matcher does on phrasings it has not seen: k-fold cross-validation
over the intents' own examples. Each fold's examples are left out of a copy of
the content and classified by the release binary built from the rest.
Usage: scripts/crossval.py [-v]   (after `swift build -c release`; needs PyYAML)"""
import yaml, glob, os, shutil, subprocess, json, sys, random, tempfile
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
    for f,d in data.items():
        d2=json.loads(json.dumps(d))
        if 'intents' in (d2 or {}):
            for it in d2['intents']:
                if it.get('examples'): it['examples']=[e for e in it['examples'] if (it['id'],e) not in held]
        yaml.safe_dump(d2, open(tmp+'/Intents/'+os.path.basename(f),'w'), allow_unicode=True, sort_keys=False)
    reqs=''.join(json.dumps({"id":n,"session":"s%d"%n,"text":e})+"\n" for n,(i,e) in enumerate(sorted(held)))
    out=subprocess.run([root+'/.build/release/twitchwise','--json','--content',tmp],input=reqs.encode(),capture_output=True)
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
