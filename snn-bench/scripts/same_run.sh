#!/bin/bash
# Same-run comparison of the training step (and VGGSNN inference) against PyTorch, alternating, ROUNDS rounds.
# Run from the repository root after `mvn package`: snn-bench/scripts/same_run.sh [ROUNDS]
# "before": this jar without its child JVM (SNN4J_RELAUNCHED=1: per-thread malloc arenas, as a library user who
# has not set MALLOC_ARENA_MAX gets); "new": `java -jar snn.jar` as a user runs it; then PyTorch (torch_step.py,
# torch_infer.py; needs Debian's python3-torch and the peer directory, $PEER). Prints one line per run.
set -u
ROUNDS=${1:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/../target/snn.jar
for r in $(seq 1 "$ROUNDS"); do
  for m in "sew-resnet18 sew18 2 4 20 15 20" "resnet19 resnet19 2 4 10 10 13" "vggsnn vggsnn 4 4 10 10 13"; do
    set -- $m
    for e in "SNN4J_RELAUNCHED=1" "-u SNN4J_RELAUNCHED"; do
      tag=before; [ "$e" = "-u SNN4J_RELAUNCHED" ] && tag=new
      out=$(env $e /usr/bin/time -f "minflt %R sys %S" java -jar "$JAR" bench step --model $1 --T $3 --B $4 \
            --warmup $5 --steps $6 2>&1)
      echo "r$r $1 $tag $(echo "$out" | grep -E '^first_steps_ms|^steady|^peak_rss|^minflt|^collections' | tr '\n' ' ')"
    done
    echo "r$r $1 torch $(/usr/bin/time -f 'torch_maxrss_kb %M minflt %R sys %S' /usr/bin/python3 "$HERE/torch_step.py" \
          $2 $3 $4 $7 2>&1 | grep -E 'torch_step|maxrss' | tr '\n' ' ')"
  done
  for e in "SNN4J_RELAUNCHED=1" "-u SNN4J_RELAUNCHED"; do
    tag=before; [ "$e" = "-u SNN4J_RELAUNCHED" ] && tag=new
    echo "r$r infer $tag $(env $e java -jar "$JAR" bench step --model vggsnn --T 4 --B 32 --infer --warmup 2 --steps 5 2>&1 \
          | grep -E '^first_steps_ms|^steady|^peak_rss|^collections' | tr '\n' ' ')"
  done
  echo "r$r infer torch $(/usr/bin/time -f 'maxrss_kb %M' /usr/bin/python3 "$HERE/torch_infer.py" vggsnn 4 32 2>&1 | tr '\n' ' ')"
done
