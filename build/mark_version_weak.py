#!/usr/bin/env python3
"""Marks version requirements weak (VER_FLG_WEAK) in an ELF64 little-endian shared library, in place.

Usage: mark_version_weak.py LIBRARY VERSION [VERSION...]
Rewrites the vna_flags of each matching Vernaux entry in .gnu.version_r (SHT_GNU_verneed). Idempotent.
Used by build/LibTorchRuntime.targets on the build-output copy of libLibTorchSharp.so (never on the package cache).
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6ffffffe
VER_FLG_WEAK = 0x2


def main(path, versions):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not an ELF64 little-endian file")
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        changed = 0
        for sh in sections:
            if sh[1] != SHT_GNU_VERNEED:
                continue
            strtab = sections[sh[6]]  # sh_link: the dynamic string table
            stroff = strtab[4]
            off = sh[4]
            for _ in range(sh[7]):  # sh_info: number of Verneed entries
                vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, off)
                aux = off + vn_aux
                for _ in range(vn_cnt):
                    vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    end = data.index(b"\0", stroff + vna_name)
                    name = data[stroff + vna_name:end].decode()
                    if name in versions and not vna_flags & VER_FLG_WEAK:
                        struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                        changed += 1
                    aux += vna_next
                    if vna_next == 0:
                        break
                off += vn_next
                if vn_next == 0:
                    break
        if changed:
            f.seek(0)
            f.write(data)
    print(f"mark_version_weak: {path}: {changed} requirement(s) marked weak")


if __name__ == "__main__":
    main(sys.argv[1], set(sys.argv[2:]))
