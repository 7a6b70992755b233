# rivet's advantage per benchmark row as bars (scripts/bench-report.py
# writes the data: name, advantage, 1 = rivet better / 2 = Linux better).
# Advantage = Linux/rivet for times, rivet/Linux for throughputs, so above
# the line at 1 rivet is better. Called with -e "data='...'; out='...'".
set terminal pngcairo size 1200,600 font ",10"
set output out
set title "rivet beside Linux: above 1 rivet is better, below 1 Linux is (log scale)"
set logscale y 2
set yrange [0.125:8]
set ytics ("1/8" 0.125, "1/4" 0.25, "1/2" 0.5, "1" 1, "2" 2, "4" 4, "8" 8)
set grid ytics
set xtics rotate by -50 left noenhanced
set key off
set bmargin 11
set rmargin 10
set style fill solid 0.8 border -1
set offsets 0.7, 0.7, 0, 0
plot data using 0:(1):($0 - 0.38):($0 + 0.38):($2 < 1 ? $2 : 1):($2 > 1 ? $2 : 1):($3 == 1 ? 0x2e8b57 : 0xcd5c5c):xtic(1) \
	with boxxyerror lc rgb variable, 1 with lines lc rgb "black" lw 1.5
