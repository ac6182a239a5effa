#!/bin/bash
# run.sh JAR TAG THREADS...: registrationCeremony on PostgreSQL, short iterations, sampled
jar=$1; tag=$2; shift 2
cd /tmp/pgdiag
for t in "$@"; do
  echo "== $tag t=$t $(date -u +%H:%M:%S) $(uptime)"
  java -jar $jar 'Ceremonies.registrationCeremony' -p store=postgres -t $t -f 1 -wi 2 -w 2s -i 3 -r 4s \
     -rf json -rff $tag-t$t.json ${JMHEXTRA} > $tag-t$t.log 2>&1 &
  l=$!
  ./sample.sh $l $tag-t$t &
  s=$!
  wait $l; wait $s
  grep -E "^Ceremonies|Result" -A0 $tag-t$t.log | tail -2
done
