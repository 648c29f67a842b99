module example.com/goplsfixture

go 1.25
