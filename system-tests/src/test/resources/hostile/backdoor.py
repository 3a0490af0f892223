# A backdoor of the hostile fleet, run inside its own network namespace: gives itself the name in argv[1]
# (as prctl(PR_SET_NAME) does, through /proc/self/comm) while it runs python3's executable, listens on the
# TCP address and port given, prints "ready", and keeps the socket until stdin closes. Nothing is sent.
import socket
import sys

with open("/proc/self/comm", "w") as comm:
    comm.write(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[2], int(sys.argv[3])))
s.listen()
print("ready", flush=True)
sys.stdin.read()
