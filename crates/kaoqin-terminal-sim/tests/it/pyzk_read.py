"""Reads a Kaoqin terminal simulator with pyzk 0.9, an independent 4370 client, and prints what
it got as one JSON object on stdout. Run by tests/pyzk.rs, which compares every value with what
the simulator holds.

Usage: python pyzk_read.py HOST PORT tcp|udp SET_TIME_ISO

Names are decoded as GBK (pyzk's `encoding` parameter), the codec the simulator writes. After the
reads it writes through the same connection: one user with a Chinese name, the clock, and a clear
of the attendance log, so the test can check what the simulator received.

Not here: any comparison (the Rust test does that) and any pyzk code (pyzk is only imported).
"""

import datetime
import json
import sys

from zk import ZK


def main():
    host, port, mode, set_time_iso = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    zk = ZK(host, port=port, timeout=20, ommit_ping=True, force_udp=(mode == "udp"), encoding="gbk")
    conn = zk.connect()
    out = {}
    try:
        out["firmware"] = conn.get_firmware_version()
        out["serial"] = conn.get_serialnumber()
        out["platform"] = conn.get_platform()
        out["device_name"] = conn.get_device_name()
        out["mac"] = conn.get_mac()
        out["time"] = conn.get_time().isoformat()
        conn.disable_device()
        conn.read_sizes()
        out["sizes"] = {
            "users": conn.users,
            "records": conn.records,
            "users_cap": conn.users_cap,
            "rec_cap": conn.rec_cap,
            "fingers_cap": conn.fingers_cap,
        }
        users = conn.get_users()
        out["users"] = [
            {
                "uid": u.uid,
                "user_id": u.user_id,
                "name": u.name,
                "card": u.card,
                "privilege": u.privilege,
            }
            for u in users
        ]
        # pyzk calls verify "status" and state "punch".
        out["attendance"] = [
            {
                "uid": a.uid,
                "user_id": a.user_id,
                "timestamp": a.timestamp.isoformat(),
                "status": a.status,
                "punch": a.punch,
            }
            for a in conn.get_attendance()
        ]
        conn.set_user(uid=len(users) + 1, name="王五", privilege=0, password="", user_id="9051", card=777)
        conn.set_time(datetime.datetime.fromisoformat(set_time_iso))
        out["time_after_set"] = conn.get_time().isoformat()
        conn.clear_attendance()
        conn.read_sizes()
        out["records_after_clear"] = conn.records
        conn.enable_device()
    finally:
        conn.disconnect()
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
