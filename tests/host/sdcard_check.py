#!/usr/bin/env python3
"""Checks rivet's SD card images (scripts/mksdcard.sh, docs/boards.md) with
the tools a user has: sfdisk --json and sgdisk for the GPT, the header
bytes for the backup GPT, mtools for the FAT, e2fsck/debugfs for the ext2
root. Prints one "ok - ..." / "not ok - ..." line per check.
Each image is checked whole, then damaged copies are checked again and
must fail: a check that cannot fail proves nothing.
  sdcard_check.py O           (images in O/, the cached firmware in .cache/)
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SPL_TYPE = "2E54B353-1271-4842-806F-E436D6AF6985"
ITB_TYPE = "BC13C2FF-59E6-4262-A352-B275FD6F7172"
FAT_TYPE = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"
LINUX_TYPE = "0FC63DAF-8483-4772-8E79-3D69D8477DE4"
UBOOT_SF = ".cache/u-boot-starfive"
SF_DTBS = ".cache/dtbs/starfive"
VF2_DTBS = ["jh7110-starfive-visionfive-2-v1.2a.dtb", "jh7110-starfive-visionfive-2-v1.3b.dtb"]
VF1_DTB = "jh7100-starfive-visionfive-v1.dtb"

# name: image file, root device in the command line, DTBs in /dtbs/starfive,
# firmware in p1/p2, uEnv.txt.
BOARDS = {
    "qemu": dict(img="sdcard.img", root="/dev/vda4", dtbs=[], fw=False, uenv=False),
    "visionfive2": dict(img="sdcard-visionfive2.img", root="/dev/mmcblk1p4",
                        dtbs=VF2_DTBS, fw=True, uenv=False),
    "visionfive": dict(img="sdcard-visionfive.img", root="/dev/mmcblk0p4",
                       dtbs=[VF1_DTB], fw=False, uenv=True),
}

passed = failed = 0


def report(good, what):
    global passed, failed
    if good:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what)


class Bad(Exception):
    """A check's failure, with what was found."""


def need(cond, why):
    if not cond:
        raise Bad(why)


def run(*cmd, ok_codes=(0,)):
    """stdout of cmd; Bad if it exits with another status."""
    env = dict(os.environ, PATH=os.environ.get("PATH", "") + ":/usr/sbin:/sbin",
               MTOOLS_SKIP_CHECK="1")
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode not in ok_codes:
        raise Bad("%s exited %d: %s" % (cmd[0], p.returncode, (p.stderr or p.stdout).strip()[-200:]))
    return p.stdout


def read_at(path, offset, size):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(size)


def partitions(img):
    """The GPT as sfdisk --json lists it: list of dicts, by partition number."""
    table = json.loads(run("sfdisk", "--json", img))["partitiontable"]
    need(table["label"] == "gpt", "label %s, not gpt" % table["label"])
    need(table.get("sectorsize", 512) == 512, "sector size %s" % table.get("sectorsize"))
    parts = table["partitions"]
    for p in parts:
        p["nr"] = int(re.search(r"(\d+)$", p["node"]).group(1))
    return sorted(parts, key=lambda p: p["nr"])


def part_bytes(img, p):
    return read_at(img, p["start"] * 512, p["size"] * 512)


# ---- the checks: each raises Bad with what it found -----------------------

def check_gpt(img, board):
    """Type GUIDs, offsets, sizes, the bootable bit on p3 alone."""
    size = os.path.getsize(img)
    need(size >= 64 << 20 and size & (size - 1) == 0,
         "size %d is not a power of two (QEMU's sd-card refuses it)" % size)
    parts = partitions(img)
    need([p["nr"] for p in parts] == [1, 2, 3, 4], "partitions %s" % [p["nr"] for p in parts])
    want = [(4096, 4096, SPL_TYPE), (8192, 8192, ITB_TYPE), (16384, 65536, FAT_TYPE)]
    for p, (start, sectors, typ) in zip(parts, want):
        need((p["start"], p["size"], p["type"].upper()) == (start, sectors, typ),
             "p%d: start %d size %d type %s, want %d %d %s" %
             (p["nr"], p["start"], p["size"], p["type"], start, sectors, typ))
    root = parts[3]
    need(root["type"].upper() == LINUX_TYPE and root["start"] == 81920 and
         root["start"] + root["size"] <= size // 512 - 34,
         "p4: start %d size %d type %s" % (root["start"], root["size"], root["type"]))
    for p in parts:
        boot = "LegacyBIOSBootable" in p.get("attrs", "")
        need(boot == (p["nr"] == 3), "p%d attrs '%s'" % (p["nr"], p.get("attrs", "")))
    out = run("sgdisk", "-p", img)
    need("Disk %s: %d sectors" % (img, size // 512) in out, "sgdisk -p: %s" % out.splitlines()[0])
    out = run("sgdisk", "-v", img)
    need("No problems found" in out, "sgdisk -v: %s" % out.strip()[-200:])


def check_backup_gpt(img):
    """The primary header names the last sector as the backup, and it is there."""
    last = os.path.getsize(img) // 512 - 1
    primary = read_at(img, 512, 92)
    need(primary[:8] == b"EFI PART", "no primary GPT header")
    my_lba, alt_lba = struct.unpack_from("<QQ", primary, 24)
    need(my_lba == 1 and alt_lba == last, "alternate LBA %d, last sector %d" % (alt_lba, last))
    backup = read_at(img, last * 512, 92)
    need(backup[:8] == b"EFI PART", "no GPT header in the last sector")
    b_my, b_alt = struct.unpack_from("<QQ", backup, 24)
    need(b_my == last and b_alt == 1, "backup header says my %d alternate %d" % (b_my, b_alt))


def check_raw(img, nr, want):
    """Partition nr holds the file's bytes followed by zeros (empty: all zeros)."""
    data = part_bytes(img, partitions(img)[nr - 1])
    need(len(want) <= len(data), "%d bytes do not fit p%d" % (len(want), nr))
    need(data[:len(want)] == want, "p%d differs from the package file" % nr)
    need(data[len(want):].count(0) == len(data) - len(want), "p%d has bytes after the file" % nr)


def check_spl_file(spl):
    """The StarFive SPL header the BootROM checks: size, offset, CRC-32."""
    need(len(spl) > 0x400, "SPL of %d bytes" % len(spl))
    size, off, crc = struct.unpack_from("<III", spl, 0x288)
    need(off == 0x400 and size == len(spl) - 0x400,
         "header says payload 0x%x at 0x%x, file %d bytes" % (size, off, len(spl)))
    need(zlib.crc32(spl[off:off + size]) == crc, "payload CRC-32 does not match the header")


def check_itb_file(itb):
    """A FIT whose configuration starts OpenSBI at 0x40000000, then U-Boot."""
    need(itb[:4] == b"\xd0\x0d\xfe\xed", "u-boot.itb is not a flattened tree")
    with tempfile.NamedTemporaryFile(suffix=".itb") as f:
        f.write(itb)
        f.flush()
        dts = run("dtc", "-q", "-I", "dtb", "-O", "dts", f.name)
    need(re.search(r'firmware = "opensbi";', dts) and re.search(r'loadables = "uboot";', dts),
         "configuration without firmware = opensbi, loadables = uboot")
    need("load = <0x00 0x40000000>;" in dts, "nothing loads at 0x40000000")


class Fat:
    """The FAT boot partition (p3) of an image, read with mtools."""

    def __init__(self, img, workdir):
        p = partitions(img)[2]
        self.path = os.path.join(workdir, os.path.basename(img) + ".fat")
        with open(self.path, "wb") as f:
            f.write(part_bytes(img, p))
        listing = run("mdir", "-/", "-b", "-i", self.path, "::/")
        self.files = set()
        for line in listing.splitlines():
            name = line.strip()
            if name.startswith("::"):
                self.files.add(name[2:])

    def has(self, path):
        return "/" + path.lstrip("/") in self.files

    def read(self, path):
        need(self.has(path), "no %s in the FAT" % path)
        with tempfile.NamedTemporaryFile() as f:
            run("mcopy", "-n", "-o", "-i", self.path, "::/" + path.lstrip("/"), f.name)
            with open(f.name, "rb") as g:
                return g.read()


def parse_extlinux(text):
    """{'default': name, 'labels': {name: {keyword: value}}, 'menu': bool}."""
    conf = {"default": None, "labels": {}, "menu": False, "timeout": None}
    label = None
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if not words or words[0].startswith("#"):
            continue
        key, val = words[0].lower(), (words[1] if len(words) > 1 else "")
        if key == "default":
            conf["default"] = val
        elif key == "menu":
            conf["menu"] = True
        elif key == "timeout":
            conf["timeout"] = val
        elif key == "label":
            label = conf["labels"].setdefault(val, {})
        elif label is not None:
            label[key] = val
    return conf


def check_cmdline(args, board):
    want_root = BOARDS[board]["root"]
    roots = [a for a in args.split() if a.startswith("root=")]
    need(roots == ["root=" + want_root], "root %s, want root=%s" % (roots, want_root))
    need("rw" in args.split(), "root not rw")
    if board != "qemu":
        need("console=ttyS0,115200" in args.split(), "no console=ttyS0,115200")


def check_extlinux(fat, board):
    """Boots at once: default label exists, its files are in the FAT, root= right."""
    conf = parse_extlinux(fat.read("/extlinux/extlinux.conf").decode())
    need(not conf["menu"], "a menu line: U-Boot would wait at 'Enter choice:'")
    need(conf["default"] in conf["labels"], "default %s is no label" % conf["default"])
    label = conf["labels"][conf["default"]]
    need(fat.has(label.get("kernel", "")), "kernel %s not in the FAT" % label.get("kernel"))
    if "fdt" in label:
        need(fat.has(label["fdt"]), "fdt %s not in the FAT" % label["fdt"])
    if "fdtdir" in label:
        # U-Boot loads FDTDIR/${fdtfile}; on VF2 fdtfile is starfive/<dtb> by board revision.
        for d in BOARDS[board]["dtbs"]:
            path = label["fdtdir"].rstrip("/") + "/starfive/" + d
            need(fat.has(path), "fdtdir: %s not in the FAT" % path)
    check_cmdline(label.get("append", ""), board)


def check_uenv(fat, board):
    """uEnv.txt (env import -t): uenvcmd loads files that exist and boots them."""
    env = {}
    for line in fat.read("/uEnv.txt").decode().splitlines():
        if line and not line.startswith("#"):
            need("=" in line, "line without '=': %s" % line)
            k, v = line.split("=", 1)
            env[k] = v
    need("uenvcmd" in env, "no uenvcmd")
    check_cmdline(env.get("bootargs", ""), board)

    def value(word):
        m = re.fullmatch(r"\$\{(\w+)\}", word)
        if m:
            need(m.group(1) in env, "${%s} not set in uEnv.txt" % m.group(1))
            return env[m.group(1)]
        return word

    loaded = {}
    booti = None
    for cmd in re.split(r"\s*(?:;|&&)\s*", env["uenvcmd"].strip()):
        words = cmd.split()
        if not words:
            continue
        if words[0] == "fatload":
            need(len(words) == 5 and words[1] == "mmc" and words[2] == "0:3",
                 "fatload not from mmc 0:3 (the SD slot's FAT): %s" % cmd)
            need(fat.has(words[4]), "fatload %s: not in the FAT" % words[4])
            loaded[int(value(words[3]), 16)] = words[4]
        elif words[0] == "booti":
            booti = [value(w) for w in words[1:]]
    need(booti is not None and len(booti) == 3, "no 'booti KERNEL - FDT'")
    kernel, fdt = int(booti[0], 16), int(booti[2], 16)
    need(loaded.get(kernel) == "/Image", "booti's kernel 0x%x is not the loaded /Image" % kernel)
    need(loaded.get(fdt, "").endswith("/" + VF1_DTB), "booti's fdt 0x%x is not the loaded DTB" % fdt)
    need(abs(fdt - kernel) >= 64 << 20, "kernel and DTB less than 64 MiB apart")


def check_root(img, workdir, o):
    """e2fsck -fn is clean; /sbin/init and /bin/busybox are the staged ones."""
    p = partitions(img)[3]
    root = os.path.join(workdir, "root.ext2")
    with open(root, "wb") as f:
        f.write(part_bytes(img, p))
    run("e2fsck", "-fn", root)
    for path in ("/sbin/init", "/bin/busybox", "/bin/usertests"):
        out = os.path.join(workdir, "dumped")
        run("debugfs", "-R", "dump %s %s" % (path, out), root)
        with open(out, "rb") as f, open(os.path.join(o, "rootfs", path.lstrip("/")), "rb") as g:
            need(f.read() == g.read(), "%s differs from %s/rootfs%s" % (path, o, path))


def attempt(what, fn, *args):
    """Run one check; report it; True if it passed."""
    try:
        fn(*args)
        report(True, what)
        return True
    except (Bad, OSError, ValueError, KeyError, json.JSONDecodeError) as e:
        report(False, "%s: %s" % (what, e))
        return False


def attempt_fails(what, fn, *args):
    """A damaged copy: the check must raise Bad."""
    try:
        fn(*args)
        report(False, what + ": the check passed a damaged image")
    except Bad as e:
        report(True, "%s (%s)" % (what, e))


def check_board(board, o, work):
    b = BOARDS[board]
    img = os.path.join(o, b["img"])
    if not attempt("%s: %s exists" % (board, b["img"]), need, os.path.isfile(img), "missing"):
        return
    attempt("%s: GPT types, offsets, sizes, p3 legacy-BIOS-bootable" % board, check_gpt, img, board)
    attempt("%s: backup GPT in the last sector" % board, check_backup_gpt, img)
    if b["fw"]:
        spl = open(os.path.join(UBOOT_SF, "u-boot-spl.bin.normal.out"), "rb").read()
        itb = open(os.path.join(UBOOT_SF, "u-boot.itb"), "rb").read()
        attempt("%s: p1 holds u-boot-spl.bin.normal.out byte for byte" % board, check_raw, img, 1, spl)
        attempt("%s: p2 holds u-boot.itb byte for byte" % board, check_raw, img, 2, itb)
    else:
        attempt("%s: p1 and p2 are empty placeholders" % board,
                lambda: (check_raw(img, 1, b""), check_raw(img, 2, b"")))
    try:
        fat = Fat(img, work)
    except Bad as e:
        report(False, "%s: FAT readable with mtools: %s" % (board, e))
        return
    attempt("%s: FAT /Image is %s/Image" % (board, o),
            lambda: need(fat.read("/Image") == open(os.path.join(o, "Image"), "rb").read(),
                         "differs"))
    if b["fw"]:
        for f in ("u-boot-spl.bin.normal.out", "u-boot.itb"):
            attempt("%s: FAT /firmware/%s is the package's (for flashing QSPI)" % (board, f),
                    lambda: need(fat.read("/firmware/" + f) ==
                                 open(os.path.join(UBOOT_SF, f), "rb").read(), "differs"))
    for d in b["dtbs"]:
        attempt("%s: FAT /dtbs/starfive/%s is Debian's" % (board, d),
                lambda: need(fat.read("/dtbs/starfive/" + d) ==
                             open(os.path.join(SF_DTBS, d), "rb").read(), "differs"))
    attempt("%s: extlinux.conf boots the default label with root=%s" % (board, b["root"]),
            check_extlinux, fat, board)
    if b["uenv"]:
        attempt("%s: uEnv.txt's uenvcmd loads /Image and the DTB from the FAT and booti's them"
                % board, check_uenv, fat, board)
    attempt("%s: ext2 root passes e2fsck -fn and holds the staged user space" % board,
            check_root, img, work, o)
    if shutil.which("bmaptool") and board != "qemu":
        attempt("%s: %s.bmap written" % (board, b["img"]),
                need, os.path.isfile(img + ".bmap"), "missing")
    return img, fat


def copy_fat(fat, work):
    """A writable copy of a Fat, at work/bad.fat."""
    copy = Fat.__new__(Fat)
    copy.path, copy.files = os.path.join(work, "bad.fat"), set(fat.files)
    shutil.copyfile(fat.path, copy.path)
    return copy


def damaged(o, work, vf2, vf2_fat, vf1_fat):
    """Copies with one fault each: the checks above must notice."""
    img = os.path.join(work, "damaged.img")
    shutil.copyfile(vf2, img)
    run("sgdisk", "-A", "3:clear:2", img)
    attempt_fails("damaged: p3 without the bootable bit is caught", check_gpt, img, "visionfive2")
    shutil.copyfile(vf2, img)
    run("sgdisk", "-t", "1:8300", img)
    attempt_fails("damaged: p1 of the wrong type is caught", check_gpt, img, "visionfive2")
    shutil.copyfile(vf2, img)
    with open(img, "r+b") as f:
        f.seek(4096 * 512 + 0x1000)
        byte = f.read(1)
        f.seek(4096 * 512 + 0x1000)
        f.write(bytes([byte[0] ^ 1]))
    spl = open(os.path.join(UBOOT_SF, "u-boot-spl.bin.normal.out"), "rb").read()
    attempt_fails("damaged: one flipped SPL bit is caught", check_raw, img, 1, spl)
    bad = bytearray(spl)
    bad[0x500] ^= 1
    attempt_fails("damaged: an SPL whose CRC-32 is wrong is caught", check_spl_file, bytes(bad))
    shutil.copyfile(vf2, img)
    run("truncate", "-s", str(os.path.getsize(vf2) + (64 << 20)), img)
    attempt_fails("damaged: a backup GPT short of the end is caught", check_backup_gpt, img)
    run("truncate", "-s", str(os.path.getsize(vf2) * 3 // 2), img)
    attempt_fails("damaged: a size that is no power of two is caught", check_gpt, img, "visionfive2")
    # A VF2 conf with VF1's root, one with a menu, one naming a missing kernel.
    conf = vf2_fat.read("/extlinux/extlinux.conf").decode()
    for what, text in (("root=/dev/mmcblk0p4 on VF2", conf.replace("mmcblk1p4", "mmcblk0p4")),
                       ("a 'menu title' line", "menu title rivet\n" + conf),
                       ("a kernel missing from the FAT", conf.replace("/Image", "/Image.gz"))):
        fat = copy_fat(vf2_fat, work)
        src = os.path.join(work, "extlinux.conf")
        with open(src, "w") as f:
            f.write(text)
        run("mcopy", "-o", "-i", fat.path, src, "::/extlinux/extlinux.conf")
        attempt_fails("damaged: extlinux.conf with %s is caught" % what, check_extlinux, fat,
                      "visionfive2")
    if vf1_fat:
        uenv = vf1_fat.read("/uEnv.txt").decode()
        for what, text in (("a DTB missing from the FAT", uenv.replace("-v1.dtb", "-v2.dtb")),
                           ("booti of an address nothing was loaded to",
                            uenv.replace("booti ${rivet_kernel}", "booti 0x80200000"))):
            fat = copy_fat(vf1_fat, work)
            src = os.path.join(work, "uEnv.txt")
            with open(src, "w") as f:
                f.write(text)
            run("mcopy", "-o", "-i", fat.path, src, "::/uEnv.txt")
            attempt_fails("damaged: uEnv.txt with %s is caught" % what, check_uenv, fat,
                          "visionfive")
    root = os.path.join(work, "root.ext2")
    p = partitions(vf2)[3]
    shutil.copyfile(vf2, img)
    with open(img, "r+b") as f:
        # The root directory's block pointers cleared: e2fsck must object.
        base = p["start"] * 512
        f.seek(base + 1024)
        sb = f.read(1024)
        bsize = 1024 << struct.unpack_from("<I", sb, 24)[0]
        isize = struct.unpack_from("<H", sb, 88)[0]
        f.seek(base + bsize * (1 if bsize > 1024 else 2))
        itable = struct.unpack_from("<I", f.read(32), 8)[0]
        f.seek(base + itable * bsize + isize + 40)      # inode 2's i_block[]
        f.write(bytes(60))
    attempt_fails("damaged: an ext2 root whose / lost its blocks is caught",
                  check_root, img, work, o)
    os.remove(img)
    if os.path.exists(root):
        os.remove(root)


def main():
    o = sys.argv[1]
    work = tempfile.mkdtemp(prefix="sdcard-check.", dir=o)
    try:
        spl_path = os.path.join(UBOOT_SF, "u-boot-spl.bin.normal.out")
        itb_path = os.path.join(UBOOT_SF, "u-boot.itb")
        have_fw = os.path.isfile(spl_path) and os.path.isfile(itb_path)
        if have_fw:
            attempt("u-boot-starfive: the SPL's StarFive header (size, offset, CRC-32) is right",
                    check_spl_file, open(spl_path, "rb").read())
            attempt("u-boot-starfive: u-boot.itb is a FIT starting OpenSBI, then U-Boot",
                    check_itb_file, open(itb_path, "rb").read())
        checked = {}
        for board in BOARDS:
            if board == "visionfive2" and not have_fw:
                report(False, "visionfive2: no u-boot-starfive files in %s (fetch failed)" % UBOOT_SF)
                continue
            checked[board] = check_board(board, o, work)
        vf2, vf1 = checked.get("visionfive2"), checked.get("visionfive")
        if vf2:
            damaged(o, work, vf2[0], vf2[1], vf1[1] if vf1 else None)
        else:
            report(False, "damaged copies: no VisionFive 2 image to damage")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("sdcard_check: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
