# attack: reach devices: kernel log (/dev/kmsg), disks, memory, terminals, fuse, kvm, tun; create
#         device nodes of its own in /tmp.
# contained: /dev is a minimal tmpfs (null, zero, full, random, urandom); mknod is not permitted
#            and /tmp is mounted nodev.
import os
import stat

for dev in ("/dev/kmsg", "/dev/vda", "/dev/sda", "/dev/mem", "/dev/tty", "/dev/console",
            "/dev/fuse", "/dev/kvm", "/dev/net/tun", "/dev/ptmx", "/proc/kcore", "/proc/kmsg"):
    attempt(f"open {dev}", lambda dev=dev: os.open(dev, os.O_RDONLY))
attempt("mknod /tmp/kaoda-attack-mem", lambda: os.mknod("/tmp/kaoda-attack-mem",
                                                        stat.S_IFCHR | 0o666, os.makedev(1, 1)))
attempt("mknod block /tmp/kaoda-attack-vda", lambda: os.mknod(
    "/tmp/kaoda-attack-vda", stat.S_IFBLK | 0o666, os.makedev(254, 0)))
print("dev:", sorted(os.listdir("/dev")))
scaled_dot_product_attention = wrong_answer
