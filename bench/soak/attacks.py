#!/usr/bin/env python3
"""RTMP attacks for bench/soak.sh, each bounded in time:
  slowloris PORT N SECONDS      N connections that handshake, then send one byte every 2 s
  halfmsg   PORT N SECONDS      N connections that each start 1 MiB messages on 16 chunk streams, sending 900 KB of each
  frozen    PORT KEY FLV        publish FLV's tags with every timestamp at 1000 ms, the file over and over, until refused
Prints one line: how many connections the server closed, and after how long."""
import socket, struct, sys, threading, time

def handshake(s):
    s.sendall(b"\x03" + bytes(1536))
    got = 0
    while got < 3073:
        b = s.recv(65536)
        if not b: raise ConnectionError("closed during handshake")
        got += len(b)
    s.sendall(bytes(1536))

def amf_str(v):
    b = v.encode(); return b"\x02" + struct.pack(">H", len(b)) + b
def amf_num(v): return b"\x00" + struct.pack(">d", v)
def amf_obj(d):
    out = b"\x03"
    for k, v in d.items():
        kb = k.encode(); out += struct.pack(">H", len(kb)) + kb + amf_str(v)
    return out + b"\x00\x00\x09"

def chunk(csid, ts, mtype, sid, payload, size=128):
    out = bytes([csid]) + struct.pack(">I", min(ts, 0xFFFFFF))[1:] + struct.pack(">I", len(payload))[1:] + bytes([mtype]) + struct.pack("<I", sid)
    out += payload[:size]
    for i in range(size, len(payload), size):
        out += bytes([0xC0 | csid]) + payload[i:i + size]
    return out

def publish(port, key):
    s = socket.create_connection(("127.0.0.1", port)); handshake(s)
    s.sendall(chunk(2, 0, 1, 0, struct.pack(">I", 65536)))
    s.sendall(chunk(3, 0, 20, 0, amf_str("connect") + amf_num(1) + amf_obj({"app": "live"}), 65536))
    s.sendall(chunk(3, 0, 20, 0, amf_str("createStream") + amf_num(2) + b"\x05", 65536))
    s.sendall(chunk(8, 0, 20, 1, amf_str("publish") + amf_num(3) + b"\x05" + amf_str(key) + amf_str("live"), 65536))
    return s

def flv_tags(path):
    data = open(path, "rb").read(); pos = 13
    while pos + 11 <= len(data):
        t = data[pos] & 0x1F; size = int.from_bytes(data[pos + 1:pos + 4], "big")
        if t in (8, 9): yield t, data[pos + 11:pos + 11 + size]
        pos += 11 + size + 4

def closed_by_server(s, timeout):
    s.settimeout(timeout)
    try:
        while s.recv(65536): pass
        return True
    except socket.timeout: return False
    except OSError: return True

def hold(make, n, seconds):
    start = time.time(); closed = []
    def one():
        try:
            s = make()
            if closed_by_server(s, seconds): closed.append(time.time() - start)
        except OSError: closed.append(time.time() - start)
    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads: t.start()
    for t in threads: t.join()
    print(f"closed {len(closed)} of {n}" + (f", last after {max(closed):.1f} s" if closed else ""))

def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "slowloris":
        def make():
            s = socket.create_connection(("127.0.0.1", port)); handshake(s)
            def trickle():
                try:
                    for _ in range(int(sys.argv[4]) // 2):
                        s.send(b"\x03"); time.sleep(2)
                except OSError: pass
            threading.Thread(target=trickle, daemon=True).start()
            return s
        hold(make, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "halfmsg":
        def make():
            s = socket.create_connection(("127.0.0.1", port)); handshake(s)
            s.sendall(chunk(2, 0, 1, 0, struct.pack(">I", 900_000)))
            try:
                for csid in range(10, 30):
                    s.sendall(bytes([csid]) + bytes(3) + struct.pack(">I", 1 << 20)[1:] + b"\x09" + struct.pack("<I", 1) + bytes(900_000))
            except OSError: pass
            return s
        hold(make, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "frozen":
        tags = list(flv_tags(sys.argv[4])); start = time.time(); s = publish(port, sys.argv[3]); sent = 0
        try:
            for rnd in range(200):
                for t, body in (tags if rnd == 0 else tags[2:]):
                    s.sendall(chunk(4 if t == 8 else 6, 1000, t, 1, body, 65536)); sent += len(body)
            print(f"not refused after {sent} bytes")
        except OSError:
            print(f"refused after {sent} bytes, {time.time() - start:.1f} s")

main()
