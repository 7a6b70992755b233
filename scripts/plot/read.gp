# 64 MiB reads, cold and warm, against memcpy and the raw device, both
# kernels side by side; data from scripts/bench-report.py: label, rivet
# MiB/s, Linux MiB/s.
set terminal pngcairo size 900,550 font ",11"
set output out
set title "Read throughput, MiB/s (higher is better)"
set ylabel "MiB/s"
set yrange [0:*]
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key top left
plot data using 2:xtic(1) title "rivet", '' using 3 title "Linux"
