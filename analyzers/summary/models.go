package summary

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Built-in summaries for the standard library and well-known modules.
// Some drivers (Bazel nogo) never analyze these packages, so facts alone
// cannot be relied on; a model wins over any fact.

const (
	errgroupPath    = "golang.org/x/sync/errgroup"
	singleflightPkg = "golang.org/x/sync/singleflight"
	concPath        = "github.com/sourcegraph/conc"
	concPoolPath    = "github.com/sourcegraph/conc/pool"
	concStreamPath  = "github.com/sourcegraph/conc/stream"
)

var (
	armsRecv      = &Summary{Params: []Effect{Arms}}
	awaitsRecv    = &Summary{Params: []Effect{Awaits}}
	spawnsArg     = &Summary{Params: []Effect{Arms, RunsAsync}, Spawns: true}
	noEffect      = &Summary{}
	callsArg      = &Summary{Params: []Effect{0, Calls}}
	callsLastArgs = &Summary{Params: []Effect{0, 0, Calls}}
)

// models maps funcKey names to summaries.
var models = map[string]*Summary{
	"sync.WaitGroup.Add":  armsRecv,
	"sync.WaitGroup.Go":   spawnsArg,
	"sync.WaitGroup.Wait": awaitsRecv,
	"sync.WaitGroup.Done": {Params: []Effect{Signals}},
	"sync.Once.Do":        callsArg,
	"sync.Mutex.Lock":     noEffect,
	"sync.Mutex.Unlock":   noEffect,
	"sync.RWMutex.Lock":   noEffect,
	"sync.RWMutex.Unlock": noEffect,

	errgroupPath + ".Group.Go":       spawnsArg,
	errgroupPath + ".Group.TryGo":    spawnsArg,
	errgroupPath + ".Group.Wait":     awaitsRecv,
	errgroupPath + ".Group.SetLimit": noEffect,
	errgroupPath + ".WithContext":    noEffect,

	"os/exec.Cmd.Start":          armsRecv,
	"os/exec.Cmd.Wait":           awaitsRecv,
	"os/exec.Cmd.Run":            {CancelAware: true},
	"os/exec.Cmd.Output":         {CancelAware: true},
	"os/exec.Cmd.CombinedOutput": {CancelAware: true},
	"os/exec.Cmd.String":         noEffect,
	"os/exec.Cmd.StdinPipe":      noEffect,
	"os/exec.Cmd.StdoutPipe":     noEffect,
	"os/exec.Cmd.StderrPipe":     noEffect,
	"os/exec.Cmd.Environ":        noEffect,
	"os/exec.CommandContext":     {CancelAware: true},
	"os.Process.Wait":            awaitsRecv,
	"os.Process.Kill":            noEffect,
	"os.Process.Signal":          noEffect,
	"os.Process.Release":         {Params: []Effect{Escapes}}, // the caller gives the process up

	singleflightPkg + ".Group.DoChan": {Results: []Future{{Kind: APIFuture}}, Params: []Effect{0, 0, RunsAsync}, Spawns: true},
	singleflightPkg + ".Group.Do":     callsLastArgs,
	singleflightPkg + ".Group.Forget": noEffect,

	concPath + ".WaitGroup.Go":             spawnsArg,
	concPath + ".WaitGroup.Wait":           awaitsRecv,
	concPath + ".WaitGroup.WaitAndRecover": awaitsRecv,
	concStreamPath + ".Stream.Go":          spawnsArg,
	concStreamPath + ".Stream.Wait":        awaitsRecv,

	"time.AfterFunc":    {Params: []Effect{0, RunsAsync}},
	"context.AfterFunc": {Params: []Effect{0, RunsAsync}},

	"net/http.Server.Shutdown": {Params: []Effect{Awaits, 0}, CancelAware: true},
}

// freshConstructors return a new object that nobody else holds yet, so
// that whoever calls them owns the duty to await it once it is armed.
var freshConstructors = map[string]bool{
	"os/exec.Command":             true,
	"os/exec.CommandContext":      true,
	errgroupPath + ".WithContext": true,
	concPath + ".NewWaitGroup":    true,
	concPoolPath + ".New":         true,
	concStreamPath + ".New":       true,
}

// isFreshConstructor reports whether fn returns a new object only the
// caller holds. Beyond the built-in list it answers no: a helper may
// keep what it returns (in a t.Cleanup that waits, say).
func isFreshConstructor(fn *types.Func) bool {
	if freshConstructors[funcKey(fn)] {
		return true
	}
	// conc's pool options (WithErrors, WithMaxGoroutines, ...) return a
	// configured pool, still owned by the caller.
	return fn.Pkg() != nil && fn.Pkg().Path() == concPoolPath && concPools[recvName(fn)] && strings.HasPrefix(fn.Name(), "With")
}

// concPools are the sourcegraph/conc pool types: Go arms, Wait awaits.
var concPools = map[string]bool{
	"Pool": true, "ErrorPool": true, "ContextPool": true,
	"ResultPool": true, "ResultErrorPool": true, "ResultContextPool": true,
}

// modelOf returns the built-in summary of fn, or nil.
func modelOf(fn *types.Func) *Summary {
	key := funcKey(fn)
	if s, ok := models[key]; ok {
		return s
	}
	pkg := fn.Pkg()
	if pkg == nil {
		return nil
	}
	if isStdPath(pkg.Path()) && pkg.Path() != "context" && hasContextParam(fn) {
		// The standard library's ctx-taking functions honour cancellation.
		return ctxAware(fn)
	}
	switch pkg.Path() {
	case "context":
		// Deriving a context observes nothing.
		return noEffect
	case concPoolPath:
		if recv := recvName(fn); concPools[recv] {
			switch fn.Name() {
			case "Go":
				return spawnsArg
			case "Wait":
				return awaitsRecv
			}
			return noEffect
		}
	}
	return nil
}

// funcKey names a function as "pkgpath.Name" or "pkgpath.Recv.Name",
// ignoring pointer receivers and type arguments.
func funcKey(fn *types.Func) string {
	pkg := fn.Pkg()
	if pkg == nil {
		return fn.Name()
	}
	if recv := recvName(fn); recv != "" {
		return pkg.Path() + "." + recv + "." + fn.Name()
	}
	return pkg.Path() + "." + fn.Name()
}

// recvName returns the name of fn's receiver type, or "".
func recvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name()
	case *types.Interface:
		return ""
	}
	return ""
}

// noReturnFuncs end the path that calls them: reaching them is not a
// return, so nothing needs to be awaited there.
var noReturnFuncs = map[string]bool{
	"os.Exit": true, "runtime.Goexit": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
	"log.Logger.Fatal": true, "log.Logger.Fatalf": true, "log.Logger.Fatalln": true,
	"log.Logger.Panic": true, "log.Logger.Panicf": true, "log.Logger.Panicln": true,
}

// Well-known loggers' Fatal calls exit the program too.
func init() {
	for pkg, names := range map[string][]string{
		"github.com/sirupsen/logrus":        {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"},
		"github.com/sirupsen/logrus.Logger": {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "Exit"},
		"github.com/sirupsen/logrus.Entry":  {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"},
		"go.uber.org/zap.Logger":            {"Fatal", "Panic"},
		"go.uber.org/zap.SugaredLogger":     {"Fatal", "Fatalf", "Fatalw", "Fatalln", "Panic", "Panicf", "Panicw", "Panicln"},
		"k8s.io/klog/v2":                    {"Fatal", "Fatalf", "Fatalln", "FatalDepth", "Exit", "Exitf", "Exitln", "ExitDepth"},
		"k8s.io/klog":                       {"Fatal", "Fatalf", "Fatalln", "FatalDepth", "Exit", "Exitf", "Exitln", "ExitDepth"},
		"github.com/golang/glog":            {"Fatal", "Fatalf", "Fatalln", "FatalDepth", "Exit", "Exitf", "Exitln", "ExitDepth"},
	} {
		for _, name := range names {
			noReturnFuncs[pkg+"."+name] = true
		}
	}
}

// isZerologExit reports whether common sends a zerolog event made at the
// fatal or panic level (log.Fatal().Err(err).Msg("...")): Msg then exits
// the program or panics.
func isZerologExit(common *ssa.CallCommon) bool {
	const zerolog = "github.com/rs/zerolog"
	fn := common.StaticCallee()
	if fn == nil || len(common.Args) == 0 {
		return false
	}
	switch funcKey(fnObject(fn)) {
	case zerolog + ".Event.Msg", zerolog + ".Event.Msgf", zerolog + ".Event.Send", zerolog + ".Event.MsgFunc":
	default:
		return false
	}
	v := common.Args[0]
	for range 64 { // the chain of *Event methods back to the level
		call, ok := v.(*ssa.Call)
		if !ok {
			return false
		}
		callee := call.Common().StaticCallee()
		if callee == nil {
			return false
		}
		switch key := funcKey(fnObject(callee)); key {
		case zerolog + ".Logger.Fatal", zerolog + ".Logger.Panic", zerolog + "/log.Fatal", zerolog + "/log.Panic":
			return true
		default:
			if !strings.HasPrefix(key, zerolog+".Event.") || len(call.Common().Args) == 0 {
				return false
			}
			v = call.Common().Args[0]
		}
	}
	return false
}

// fnObject returns fn's declared function, or an empty one for a
// function literal or wrapper.
func fnObject(fn *ssa.Function) *types.Func {
	if obj, ok := fn.Object().(*types.Func); ok {
		return obj
	}
	return types.NewFunc(0, nil, fn.Name(), nil)
}

// IsAfterFunc reports whether call is time.AfterFunc or context.AfterFunc:
// a goroutine started later, unless the returned timer or stop function
// cancels it first.
func IsAfterFunc(call ssa.CallInstruction) bool {
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Name() != "AfterFunc" || callee.Pkg == nil {
		return false
	}
	path := callee.Pkg.Pkg.Path()
	return path == "time" || path == "context"
}

// testingNoReturn are the testing.TB methods that stop the test goroutine.
var testingNoReturn = map[string]bool{
	"Fatal": true, "Fatalf": true, "FailNow": true, "Skip": true, "Skipf": true, "SkipNow": true,
}

// isNoReturn reports whether a call to fn never returns to its caller.
func isNoReturn(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg().Path() == "testing" && testingNoReturn[fn.Name()] {
		return true
	}
	return noReturnFuncs[funcKey(fn)]
}

// isContextType reports whether t is context.Context.
func isContextType(t types.Type) bool { return IsNamed(t, "context", "Context") }

// IsNamed reports whether t is the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// joinMethodNames are the method names that, when they await the
// receiver, make a value a join handle.
var joinMethodNames = []string{"Wait", "Join", "Await", "Result"}

// HasMustAwaitDirective reports whether a comment is (or, for a block
// comment, has a line that is) the //scopevet:mustawait directive.
func HasMustAwaitDirective(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "//scopevet:mustawait" {
			return true
		}
	}
	return false
}

// stdRoots are the first path elements of the standard library.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "builtin": true, "bytes": true, "cmp": true, "compress": true,
	"container": true, "context": true, "crypto": true, "database": true, "debug": true,
	"embed": true, "encoding": true, "errors": true, "expvar": true, "flag": true, "fmt": true,
	"go": true, "hash": true, "html": true, "image": true, "index": true, "internal": true,
	"io": true, "iter": true, "log": true, "maps": true, "math": true, "mime": true, "net": true,
	"os": true, "path": true, "plugin": true, "reflect": true, "regexp": true, "runtime": true,
	"slices": true, "sort": true, "strconv": true, "strings": true, "structs": true, "sync": true,
	"syscall": true, "testing": true, "text": true, "time": true, "unicode": true, "unique": true,
	"unsafe": true, "vendor": true, "weak": true, "cmd": true,
}

// isStdPath reports whether path is a standard library package.
func isStdPath(path string) bool {
	root, _, _ := strings.Cut(path, "/")
	return stdRoots[root]
}

// hasContextParam reports whether fn takes a context.Context.
func hasContextParam(fn *types.Func) bool {
	params := fn.Type().(*types.Signature).Params()
	for i := 0; i < params.Len(); i++ {
		if isContextType(params.At(i).Type()) {
			return true
		}
	}
	return false
}

// ctxAware is the model of a standard function that takes a ctx: it
// honours cancellation, and what it does with its other arguments is
// unknown.
func ctxAware(fn *types.Func) *Summary {
	sig := fn.Type().(*types.Signature)
	n := sig.Params().Len()
	if sig.Recv() != nil {
		n++
	}
	params := make([]Effect, n)
	for i := range params {
		params[i] = Escapes
	}
	return &Summary{Params: params, CancelAware: true}
}

// closedErrors are the errors a serving call returns when it was shut
// down on purpose (Close, Shutdown, Stop): its normal end.
var closedErrors = map[string]bool{
	"net/http.ErrServerClosed":                true,
	"net.ErrClosed":                           true,
	"google.golang.org/grpc.ErrServerStopped": true,
}

// OnlyOnAbnormalEnd reports whether instr runs only where an error is
// not one of closedErrors (`if err := srv.Serve(l); err !=
// http.ErrServerClosed { errCh <- err }`): a goroutine that sends there
// sends only if its server fails by itself, not when it is closed.
func OnlyOnAbnormalEnd(instr ssa.Instruction) bool {
	b := instr.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		if len(d.Instrs) == 0 || len(d.Succs) != 2 {
			continue
		}
		br, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		notClosed, ok := closedTest(br.Cond)
		if !ok {
			continue
		}
		taken := d.Succs[0]
		if !notClosed {
			taken = d.Succs[1]
		}
		if len(taken.Preds) == 1 && taken.Dominates(b) {
			return true
		}
	}
	return false
}

// closedTest reads cond as a test of an error against closedErrors:
// ok when it is one, notClosed when it holds for an error that is not.
func closedTest(cond ssa.Value) (notClosed, ok bool) {
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			n, ok := closedTest(c.X)
			return !n, ok
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return false, false
		}
		if !isClosedError(c.X) && !isClosedError(c.Y) {
			return false, false
		}
		return c.Op == token.NEQ, true
	case *ssa.Call:
		// errors.Is(err, http.ErrServerClosed)
		callee := c.Common().StaticCallee()
		if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "errors" || callee.Name() != "Is" || len(c.Common().Args) != 2 {
			return false, false
		}
		return false, isClosedError(c.Common().Args[1])
	}
	return false, false
}

// isClosedError reports whether v is a load of one of closedErrors.
func isClosedError(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	return ok && g.Pkg != nil && closedErrors[g.Pkg.Pkg.Path()+"."+g.Name()]
}

// testFailures are the testing.TB methods that mark the test failed.
var testFailures = map[string]bool{
	"Error": true, "Errorf": true, "Fail": true, "FailNow": true, "Fatal": true, "Fatalf": true,
}

// FailsTest reports whether a call marks the test failed (t.Error,
// t.Fatal, testify's require.Fail and assert.Fail): a path past it
// is of no concern, a stranded goroutine being the least of that test's
// problems.
func FailsTest(common *ssa.CallCommon) bool {
	var fn *types.Func
	if common.IsInvoke() {
		fn = common.Method
	} else if callee := common.StaticCallee(); callee != nil {
		fn, _ = callee.Object().(*types.Func)
	}
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "testing":
		return testFailures[fn.Name()]
	case "github.com/stretchr/testify/require", "github.com/stretchr/testify/assert":
		// Their Fail functions and methods fail the test whatever
		// their arguments (require's also stop it).
		return testifyFailures[fn.Name()]
	}
	return false
}

// testifyFailures are testify's functions and methods that always fail.
var testifyFailures = map[string]bool{"Fail": true, "Failf": true, "FailNow": true, "FailNowf": true}

// desktopOpeners hand a file or URL to the desktop and exit at once. A
// command of one started and never waited for leaves one zombie per call
// until the program exits: the "open the browser" idiom of CLIs, whose
// consequence is bounded.
var desktopOpeners = map[string]bool{
	"xdg-open": true, "open": true, "rundll32": true, "rundll32.exe": true,
	"explorer": true, "explorer.exe": true, "sensible-browser": true,
	"x-www-browser": true, "www-browser": true, "gnome-open": true,
	"kde-open": true, "wslview": true,
}

// IsDesktopOpener reports whether cmd is exec.Command or
// exec.CommandContext of a constant desktop opener (xdg-open, open,
// rundll32, ...).
func IsDesktopOpener(cmd ssa.Value) bool {
	call, ok := cmd.(*ssa.Call)
	if !ok {
		return false
	}
	fn := call.Common().StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "os/exec" {
		return false
	}
	args := call.Common().Args
	var name ssa.Value
	switch {
	case fn.Name() == "Command" && len(args) >= 1:
		name = args[0]
	case fn.Name() == "CommandContext" && len(args) >= 2:
		name = args[1]
	default:
		return false
	}
	c, ok := name.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return false
	}
	s := constant.StringVal(c.Value)
	return desktopOpeners[s[strings.LastIndexAny(s, `/\`)+1:]]
}
