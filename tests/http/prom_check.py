#!/usr/bin/python3
"""Reads a /metrics answer (the file named) with prometheus_client's own
parser of the text format, for tests/http/test_http_metrics.c, and prints
one line per sample: NAME{LABEL=VALUE,...} VALUE. Exits non-zero, saying
why, when the text is not the format. Debian's python3-prometheus-client."""
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            labels = ",".join("%s=%s" % kv for kv in sorted(s.labels.items()))
            print("%s{%s} %s" % (s.name, labels, repr(float(s.value))))


if __name__ == "__main__":
    main()
