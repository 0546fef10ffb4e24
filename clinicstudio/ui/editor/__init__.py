"""The post editor: master text, a version per network, live findings, counters and images."""
