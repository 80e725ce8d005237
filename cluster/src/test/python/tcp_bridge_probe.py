#!/usr/bin/env python3
"""A TCP event-bus bridge client in Python (4-byte big-endian length + JSON), driven over stdin by the Java tests.

Usage: tcp_bridge_probe.py HOST PORT. Commands: "register ADDRESS [TOKEN]", "send ADDRESS JSON [TOKEN]" (with a
reply address), "publish ADDRESS JSON [TOKEN]", "close". Prints OPEN, FRAME <ms> <json> per received frame, CLOSED.
"""
import json
import socket
import struct
import sys
import threading
import time


def frame(sock, message):
    data = json.dumps(message).encode()
    sock.sendall(struct.pack('>I', len(data)) + data)


def read_exact(sock, n):
    buf = b''
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def reader(sock):
    while True:
        header = read_exact(sock, 4)
        if header is None:
            break
        body = read_exact(sock, struct.unpack('>I', header)[0])
        if body is None:
            break
        print('FRAME %d %s' % (int(time.time() * 1000), body.decode()), flush=True)
    print('CLOSED 0 closed', flush=True)


def headers(token):
    return {'Authorization': 'Bearer ' + token} if token else {}


def main():
    sock = socket.create_connection((sys.argv[1], int(sys.argv[2])))
    threading.Thread(target=reader, args=(sock,), daemon=True).start()
    print('OPEN', flush=True)
    replies = 0
    for line in sys.stdin:
        parts = line.strip().split(' ')
        command = parts[0]
        if command == 'register':
            frame(sock, {'type': 'register', 'address': parts[1], 'headers': headers(parts[2] if len(parts) > 2 else None)})
        elif command in ('send', 'publish'):
            message = {'type': command, 'address': parts[1], 'body': json.loads(parts[2]),
                       'headers': headers(parts[3] if len(parts) > 3 else None)}
            if command == 'send':
                replies += 1
                message['replyAddress'] = 'reply-%d' % replies
            frame(sock, message)
        elif command == 'close':
            sock.close()
            break


if __name__ == '__main__':
    main()
