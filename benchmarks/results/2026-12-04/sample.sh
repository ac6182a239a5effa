#!/bin/bash
# sample.sh LAUNCHER_PID OUTPREFIX: while the JMH launcher runs, finds its forked JVM and the embedded
# PostgreSQL that JVM is connected to, and records every second: CPU ticks of the fork, of the postgres
# server (postmaster and all its children), and of the whole machine; and, 10 times a second, the
# wait events of the server's client backends (pg_stat_activity).
launcher=$1; out=$2
: > $out.cpu; : > $out.waits
hz=$(getconf CLK_TCK)
proc_ticks() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
waiter=""
while kill -0 $launcher 2>/dev/null; do
  fork=$(pgrep -P $launcher java | head -1)
  if [ -n "$fork" ]; then
    pgports=$(ss -tlnp 2>/dev/null | grep '"postgres"' | awk '{print $4}' | sed 's/.*://' | sort -u)
    port=""
    for rp in $(ss -tnp 2>/dev/null | grep "pid=$fork," | awk '{print $5}' | sed 's/.*://' | sort -u); do
      if echo "$pgports" | grep -qx "$rp"; then port=$rp; fi
    done
    if [ -n "$port" ]; then
      pm=$(ss -tlnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
      if [ -n "$pm" ]; then
        pgt=$(proc_ticks $pm); for c in $(pgrep -P $pm); do pgt=$((pgt + $(proc_ticks $c))); done
        ft=$(proc_ticks $fork)
        read -r _ u n s i w x y z _ < /proc/stat
        echo "$(date +%s.%N) fork=$fork port=$port pg=$pgt java=$ft busy=$((u+n+s+x+y+z)) idle=$((i+w)) load=$(cut -d' ' -f1 /proc/loadavg)" >> $out.cpu
        if [ -z "$waiter" ] || ! kill -0 $waiter 2>/dev/null; then
          ( for k in $(seq 1 6000); do echo "SELECT to_char(clock_timestamp(),'HH24:MI:SS.MS'), coalesce(wait_event_type,'CPU*'), coalesce(wait_event,'-'), state, count(*) FROM pg_stat_activity WHERE backend_type='client backend' AND pid<>pg_backend_pid() GROUP BY 2,3,4; SELECT pg_sleep(0.1);"; done ) \
            | psql -h 127.0.0.1 -p $port -U postgres -At -F ' ' -q postgres >> $out.waits 2>/dev/null &
          waiter=$!
        fi
      fi
    fi
  fi
  sleep 1
done
[ -n "$waiter" ] && kill $waiter 2>/dev/null
