# Anonymous fault latency per page against the memory touched, 1..64 MiB,
# on both kernels, beside the floor (memset of one page); data from
# scripts/bench-report.py: MiB, rivet ns, Linux ns, floor ns.
set terminal pngcairo size 900,550 font ",11"
set output out
set title "Anonymous page fault: ns per 4 KiB page (lower is better)"
set xlabel "memory touched (MiB)"
set ylabel "ns per page"
set logscale x 2
set xtics (1, 2, 4, 8, 16, 32, 64)
set xrange [0.8:80]
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set grid
set key right center
plot data using 1:2 with linespoints lw 2 pt 7 title "rivet", \
	data using 1:3 with linespoints lw 2 pt 5 title "Linux", \
	data using 1:4 with lines dt 2 lc rgb "gray40" title "floor: memset of one page (rivet)"
