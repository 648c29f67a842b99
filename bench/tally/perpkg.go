package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// A vettool run on one package, as the bench wrappers record it (see
// vetLabel): ID, variant, VetxOnly, wall, user and system seconds, peak
// RSS in KiB.
type procRun struct {
	id, variant string
	vetxOnly    bool
	cpu         float64
	rssKiB      int
}

// readRuns reads a wrapper's log, keeping for each package the run with
// the least CPU: with several repetitions, the least disturbed one.
func readRuns(path string) (map[string]procRun, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	runs := map[string]procRun{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 7 {
			continue
		}
		user, err1 := strconv.ParseFloat(fields[4], 64)
		sys, err2 := strconv.ParseFloat(fields[5], 64)
		rss, err3 := strconv.Atoi(fields[6])
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		r := procRun{id: fields[0], variant: fields[1], vetxOnly: fields[2] == "true", cpu: user + sys, rssKiB: rss}
		key := r.id + "\t" + r.variant
		if old, ok := runs[key]; !ok || r.cpu < old.cpu {
			r.rssKiB = max(r.rssKiB, old.rssKiB)
			runs[key] = r
		} else {
			old.rssKiB = max(old.rssKiB, r.rssKiB)
			runs[key] = old
		}
	}
	return runs, sc.Err()
}

type pkgRatio struct {
	id, variant string
	vetxOnly    bool
	base, cpu   float64
	rssKiB      int
}

func (p pkgRatio) ratio() float64 { return p.cpu / max(p.base, 0.001) }

// perpkgCmd joins two wrapper logs (the baseline tool's and the measured
// tool's) by package and prints, in markdown, the packages whose CPU time
// grew the most, by ratio and by seconds.
func perpkgCmd(args []string) error {
	fs := flag.NewFlagSet("perpkg", flag.ExitOnError)
	floor := fs.Float64("floor", 0.1, "ratios are also ranked among packages whose baseline CPU is at least this many `seconds`")
	limit := fs.Float64("limit", 5, "report every package whose CPU time is more than this `ratio` of the baseline's")
	top := fs.Int("top", 10, "how many packages to list in each ranking")
	name := fs.String("name", "", "target name, for the headings")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("perpkg: want the baseline's log and the tool's log")
	}
	base, err := readRuns(fs.Arg(0))
	if err != nil {
		return err
	}
	tool, err := readRuns(fs.Arg(1))
	if err != nil {
		return err
	}
	var rows []pkgRatio
	var sumBase, sumTool float64
	for key, t := range tool {
		b, ok := base[key]
		if !ok {
			continue
		}
		rows = append(rows, pkgRatio{t.id, t.variant, t.vetxOnly, b.cpu, t.cpu, t.rssKiB})
		sumBase += b.cpu
		sumTool += t.cpu
	}
	if len(rows) == 0 {
		fmt.Printf("%s: no package in both logs\n", *name)
		return nil
	}
	byRatio := func(a, b pkgRatio) int {
		return cmp.Or(cmp.Compare(b.ratio(), a.ratio()), cmp.Compare(a.id, b.id), cmp.Compare(a.variant, b.variant))
	}
	slices.SortFunc(rows, byRatio)
	var over []pkgRatio
	var sized []pkgRatio
	for _, r := range rows {
		if r.ratio() > *limit {
			over = append(over, r)
		}
		if r.base >= *floor {
			sized = append(sized, r)
		}
	}
	worst := rows[0]
	fmt.Printf("%s: %d vettool runs (packages, their test variants and dependencies) in both logs; total CPU %.1fs vs %.1fs (%.2fx)\n",
		*name, len(rows), sumTool, sumBase, sumTool/max(sumBase, 0.001))
	fmt.Printf("worst ratio: %.2fx on %s (%.3fs vs %.3fs)", worst.ratio(), worst.id, worst.cpu, worst.base)
	if len(sized) > 0 {
		fmt.Printf("; worst among baseline >= %.2fs: %.2fx on %s (%.3fs vs %.3fs)", *floor, sized[0].ratio(), sized[0].id, sized[0].cpu, sized[0].base)
	}
	fmt.Printf("\npackages over %.0fx: %d\n\n", *limit, len(over))

	printRows := func(title string, rs []pkgRatio) {
		fmt.Printf("%s\n\n| package | variant | deps only | baseline cpu s | scopevet cpu s | ratio | +s | RSS MiB |\n|---|---|---|---|---|---|---|---|\n", title)
		for i, r := range rs {
			if i == *top {
				break
			}
			fmt.Printf("| %s | %s | %v | %.3f | %.3f | %.2f | %.3f | %d |\n", r.id, r.variant, r.vetxOnly, r.base, r.cpu, r.ratio(), r.cpu-r.base, r.rssKiB/1024)
		}
		fmt.Println()
	}
	if len(over) > 0 {
		printRows(fmt.Sprintf("Over %.0fx:", *limit), over)
	}
	printRows("Highest ratios:", rows)
	printRows(fmt.Sprintf("Highest ratios, baseline >= %.2fs:", *floor), sized)
	slices.SortFunc(rows, func(a, b pkgRatio) int {
		return cmp.Or(cmp.Compare(b.cpu-b.base, a.cpu-a.base), cmp.Compare(a.id, b.id), cmp.Compare(a.variant, b.variant))
	})
	printRows("Most seconds added:", rows)
	return nil
}
