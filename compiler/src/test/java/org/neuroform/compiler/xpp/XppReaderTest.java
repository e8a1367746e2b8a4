package org.neuroform.compiler.xpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neuroform.compiler.Compilation;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.compiler.ProblemPrinter;
import org.neuroform.compiler.Query;
import org.neuroform.compiler.frontend.Compiler;
import org.neuroform.diagnostic.Diagnostic;
import org.neuroform.diagnostic.DiagnosticRenderer;
import org.neuroform.diagnostic.Severity;
import org.neuroform.diagnostic.SourceFile;

/** The XPP reader on its own: recognition, the translation, the map back into the XPP file, round trips. */
class XppReaderTest {
    private static final Path CORPUS = Path.of("..", "examples", "xpp");

    private static CompiledProblem compile(String text) {
        Compilation compilation = XppReader.read(new SourceFile("m.ode", text)).compile();
        assertTrue(compilation.problem().isPresent(), () -> DiagnosticRenderer.render(new SourceFile("m.ode", text),
                compilation.diagnostics()));
        return compilation.problem().get();
    }

    @Test
    void recognisesXppByItsMarksAndNativeByItsDomain() {
        assertEquals(SourceFormat.XPP, SourceFormat.detect("x'=-x\ninit x=1\n"));
        assertEquals(SourceFormat.XPP, SourceFormat.detect("dx/dt = -x\n"));
        assertEquals(SourceFormat.XPP, SourceFormat.detect("x'=-x\nx(0)=1\n"));
        assertEquals(SourceFormat.XPP, SourceFormat.detect("x'=-x\n@ total=5\n"));
        assertEquals(SourceFormat.XPP, SourceFormat.detect("x'=-x\nPAR a=1\n"));
        assertEquals(SourceFormat.XPP, SourceFormat.detect("x'=-x\ndone\n"));
        assertEquals(SourceFormat.NATIVE, SourceFormat.detect("domain x in [0, 1]\ny' = -y\ny(0) = 1\n"));
        assertEquals(SourceFormat.NATIVE, SourceFormat.detect("# init x=1 in a comment\ndomain t in [0, 1]\nx' = -x\nx(0) = 1\n"));
        assertEquals(SourceFormat.NATIVE, SourceFormat.detect("y' = -y\n"), "no domain and no XPP mark: native (missing domain)");
        assertEquals(SourceFormat.NATIVE, SourceFormat.detect("y'' = -y\ny(0) = 1\ny'(0) = 0\n"), "y'' is not XPP");
        assertEquals(SourceFormat.NATIVE, SourceFormat.detect("let q = y^2\ny' = -y\ny(0) = 1\n"));
        assertEquals(SourceFormat.NATIVE, SourceFormat.detect("domain t in [0, 1]\nparam k = 1\nx' = -k*x\nx(0) = 1\n"));
    }

    @Test
    void translatesEquationsParamsAndTheHorizon() {
        CompiledProblem p = compile("dX/dt = -K*x\ninit X=2\nPAR k=0.5\n@ T0=1, TOTAL=3\n");
        assertEquals(1, p.domain().lower());
        assertEquals(4, p.domain().upper());
        assertEquals(0.5, p.params().get("k"));
        assertEquals(List.of("x(4)"), p.queries().stream().map(Query::text).toList());
        assertTrue(new ProblemPrinter(p).print().contains("x(1) = 2"), new ProblemPrinter(p).print());
    }

    @Test
    void xppDefaultsAreTotal20AndInitialValuesZero() {
        XppTranslation t = XppReader.read(new SourceFile("m.ode", "x'=1\n"));
        assertTrue(t.translated().text().contains("domain t in [0, 20]"), t.translated().text());
        assertTrue(t.translated().text().contains("x(0) = 0"), t.translated().text());
        assertTrue(t.diagnostics().stream().anyMatch(d -> d.code().equals("xpp-default")));
    }

    @Test
    void comparisonsAndIfAreZeroOrOneAsInXpp() {
        // y' = if(t<1)then(2)else(-1) from y(0) = 0: y(3) = 2*1 - 1*2 = 0, and (t>=2) adds 1 per unit from t = 2
        CompiledProblem p = compile("y'=if(t<1)then(2)else(-1) + (t>=2)\ninit y=0\n@ total=3\n");
        String residual = new ProblemPrinter(p).print();
        assertTrue(residual.contains("heav"), residual);
        // Jumps at times known beforehand are where segments end: no warning; one the solution moves is warned of.
        assertTrue(p.warnings().stream().noneMatch(d -> d.code().equals("non-smooth")), p.warnings().toString());
        CompiledProblem moved = compile("y'=if(y<1)then(2)else(-1)\ninit y=0\n@ total=3\n");
        assertTrue(moved.warnings().stream().anyMatch(d -> d.code().equals("non-smooth")));
    }

    @Test
    void continuationLinesAndCommentsAndDoneAreHonoured() {
        CompiledProblem p = compile("# a comment\n\" another\nx' = -a*\\\n   x\npar a=2 # trailing\ninit x=1\nd\nthis is after done\n");
        assertEquals(2.0, p.params().get("a"));
    }

    @Test
    void diagnosticsPointIntoTheXppFile() {
        String text = "x'=-x*f(x)\nf(a,b)=a*b\ninit x=1\n";
        Compilation c = XppReader.read(new SourceFile("m.ode", text)).compile();
        Diagnostic arity = c.errors().get(0);
        assertEquals("arity", arity.code());
        assertEquals(1, arity.span().line());
        assertEquals(7, arity.span().column());
        assertEquals("f(x)", text.substring(arity.span().start(), arity.span().end()));
    }

    /** A second equation for a variable (in either form, in either case) is an error at it, not a silent replacement. */
    @Test
    void aSecondEquationForAVariableIsAnError() {
        for (String second : List.of("x'=-x", "dx/dt=5", "X'=-x")) {
            String text = "x'=-a*x\n" + second + "\npar a=1\ninit x=1\ndone\n";
            Compilation c = XppReader.read(new SourceFile("m.ode", text)).compile();
            assertTrue(c.problem().isEmpty(), second);
            Diagnostic error = c.errors().get(0);
            assertEquals("xpp-syntax", error.code(), second);
            assertEquals(2, error.span().line(), second);
            assertTrue(error.message().contains("a second equation for 'x' (the first is on line 1)"), error.message());
        }
    }

    @Test
    void refusedFeaturesAreErrorsNeverSkipped() {
        for (String line : List.of("wiener w", "markov z 2", "table s s.tab", "global 1 x {x=0}", "x'=delay(x,1)", "y[1..3]'=1",
                "bdry x", "solv z", "0=x-1", "z(t+1)=z", "z(t)=exp(-t)+int{exp(-t)#z}", "z(t) = 1 + int [2]{1#z}", "y'=int{x}")) {
            Compilation c = XppReader.read(new SourceFile("m.ode", "x'=-x\n" + line + "\n")).compile();
            assertTrue(c.problem().isEmpty(), line);
            assertEquals("xpp-unsupported", c.errors().get(0).code(), line);
            assertEquals(2, c.errors().get(0).span().line(), line);
        }
    }

    /** With XPP's discrete method every x' = f(x) is the map x(n+1) = f(x(n)): refused at the option, never solved as an ODE. */
    @Test
    void theDiscreteMethodIsRefusedAtTheOption() {
        for (String option : List.of("meth=discrete", "METH=Discrete", "meth=d", "method=disc")) {
            String text = "x'=r*x*(1-x)\npar r=3.7\ninit x=0.2\n@ total=10, " + option + "\ndone\n";
            Compilation c = XppReader.read(new SourceFile("m.ode", text)).compile();
            assertTrue(c.problem().isEmpty(), option);
            Diagnostic error = c.errors().get(0);
            assertEquals("xpp-unsupported", error.code(), option);
            assertEquals(4, error.span().line(), option);
            assertEquals(option, text.substring(error.span().start(), error.span().end()));
            assertTrue(error.message().startsWith("discrete maps (meth="), error.message());
        }
        compile("x'=-x\ninit x=1\n@ meth=rungekutta, total=2\n"); // another method is only XPP's solver: ignored
    }

    /** A negative dt is XPP's backward integration: from t0 down to t0 - total, the initial values at t0, the last state at t0 - total. */
    @Test
    void aNegativeDtIntegratesBackwardsFromT0() {
        CompiledProblem p = compile("x'=-x\ninit x=2\naux q=x^2\n@ total=3, t0=1, dt=-0.05\n");
        assertEquals(-2, p.domain().lower());
        assertEquals(1, p.domain().upper());
        assertTrue(new ProblemPrinter(p).print().contains("x(1) = 2"), new ProblemPrinter(p).print());
        assertEquals(List.of("x(-2)", "q(-2)"), p.queries().stream().map(Query::text).toList());
        XppTranslation forward = XppReader.read(new SourceFile("m.ode", "x'=-x\ninit x=2\n@ total=3, t0=1, dt=0.05\n"));
        assertTrue(forward.translated().text().contains("domain t in [1, 4]"), forward.translated().text());
        assertTrue(forward.diagnostics().stream().anyMatch(d -> d.code().equals("xpp-ignored") && d.message().contains("dt")));
    }

    /** XPP makes a negative total positive (and stores nothing): the same interval as |total|; 0 stays an error. */
    @Test
    void aNegativeTotalIsMadePositiveAsInXpp() {
        XppTranslation t = XppReader.read(new SourceFile("m.ode", "x'=-x+1\nx(0)=0\n@ total=-50\n"));
        assertFalse(t.hasErrors(), t.diagnostics().toString());
        assertTrue(t.translated().text().contains("domain t in [0, 50]"), t.translated().text());
        assertTrue(t.translated().text().contains("x(50)"), t.translated().text());
        assertTrue(t.description().contains("total=-50 made positive"), t.description());
        XppTranslation zero = XppReader.read(new SourceFile("m.ode", "x'=-x\n@ total=0\n"));
        assertTrue(zero.hasErrors());
    }

    /** name(t) = ... without int{ or int[ is a function of one argument called t in XPP, not a Volterra equation. */
    @Test
    void aFunctionOfTIsAFunctionUnlessItHasAnIntegral() {
        CompiledProblem p = compile("x'=-g(x)+inp\ninp=amp*s(t)\ns(t)=sin(om*t)\ng(x)=x^3+x\npar amp=1, om=2\nx(0)=0.5\n");
        String printed = new ProblemPrinter(p).print();
        assertTrue(printed.contains("x' - (-(x^3 + x) + sin(2*t))"), printed);
        CompiledProblem ft = compile("x'=-s(1, 2*t)\nW(T)=sin(T)\ns(a, t)=a*w(t)\nx(0)=0\n"); // t as one of two, called with 2*t
        assertTrue(new ProblemPrinter(ft).print().contains("sin(2*t)"), new ProblemPrinter(ft).print());
    }

    /** A call of a function that is neither XPP's nor the file's is an error at the name, not a second unknown ceil(t). */
    @Test
    void aCallOfAnUnknownFunctionIsAnErrorAtItsName() {
        for (String call : List.of("ceil", "floor", "Round")) {
            String text = "x'=-x+0.1*" + call + "(t)\nx(0)=0\n@ total=3\n";
            Compilation c = XppReader.read(new SourceFile("m.ode", text)).compile();
            assertTrue(c.problem().isEmpty(), call);
            Diagnostic error = c.errors().get(0);
            assertEquals("undefined-name", error.code(), call);
            assertEquals(1, error.span().line(), call);
            assertEquals(11, error.span().column(), call);
            assertEquals(call, text.substring(error.span().start(), error.span().end()));
            assertTrue(error.message().contains("is not a function"), error.message());
        }
        compile("x'=-x+gamma(t)\ngamma(u)=u/(1+u)\nx(0)=0\n"); // not an XPP built-in: the file may define it
        for (String call : List.of("besseli(1, t)", "lgamma(t)", "erf(t)")) {
            Compilation c = XppReader.read(new SourceFile("m.ode", "x'=-x+" + call + "\n")).compile();
            assertEquals("xpp-unsupported", c.errors().get(0).code(), call);
        }
    }

    /** XPP groups equal priorities from the left, powers too: 2^3^2 is (2^3)^2 = 64 there, not 2^(3^2) = 512. */
    @Test
    void powersGroupFromTheLeftAsInXpp() {
        XppTranslation t = XppReader.read(new SourceFile("m.ode", "x'=-x+a^b^c+a**b**c+a^(b^c)\npar a=2, b=3, c=2\n"));
        String text = t.translated().text();
        assertTrue(text.contains("x' = -x + (a^b)^c + (a^b)^c + a^b^c"), text);
        CompiledProblem p = compile("x'=2^3^2 + 0*x\n");
        CompiledProblem explicit = compile("x'=(2^3)^2 + 0*x\n");
        assertEquals(new ProblemPrinter(explicit).print(), new ProblemPrinter(p).print());
        assertTrue(t.diagnostics().stream().noneMatch(d -> d.code().equals("xpp-precedence")), t.diagnostics().toString());
    }

    /**
     * XPP's comparisons bind more tightly than + - * / (parserslow.c: priority 7, as ^), so it reads t-5>0 as t-(5>0);
     * the translation keeps the usual (t-5)>0 and warns at the comparison, never silently.
     */
    @Test
    void aComparisonXppGroupsOtherwiseGetsAWarning() {
        String text = "x'=-x+if(t-5>0)then(1)else(0)\n";
        XppTranslation t = XppReader.read(new SourceFile("m.ode", text));
        Diagnostic warning = t.diagnostics().stream().filter(d -> d.code().equals("xpp-precedence")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals(">", text.substring(warning.span().start(), warning.span().end()));
        assertEquals(13, warning.span().column());
        assertTrue(warning.message().contains("XPP reads 't-5>0' as t - (5 > 0), the translation as (t - 5) > 0"), warning.message());
        assertTrue(t.translated().text().contains("heav(0 - (t - 5))"), t.translated().text());
        for (String other : List.of("g*v>1", "-x>0", "x&y*z", "a|b+c", "not(x)>1", "a>b^2")) {
            XppTranslation o = XppReader.read(new SourceFile("m.ode", "x'=" + other + "\npar g=1, v=2, a=1, b=1, y=1, z=1, c=1\n"));
            assertEquals(1, o.diagnostics().stream().filter(d -> d.code().equals("xpp-precedence")).count(), other);
        }
        for (String same : List.of("(t-5)>0", "t>1&t<2", "t>1|t<0", "a^2>1", "-x^2", "x*y&z", "a+b|c", "not(x)", "heav(t-5)")) {
            XppTranslation o = XppReader.read(new SourceFile("m.ode", "x'=" + same + "\npar a=1, b=1, y=1, z=1, c=1\n"));
            assertTrue(o.diagnostics().stream().noneMatch(d -> d.code().equals("xpp-precedence")), same + ": " + o.diagnostics());
        }
    }

    /** Round trip: each supported corpus file's translation, compiled as a native file, is the same problem without any error. */
    @TestFactory
    Stream<DynamicTest> translationsCheckCleanAsNativeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(CORPUS)) {
            files = all.filter(p -> p.toString().endsWith(".ode")).sorted().toList();
        }
        assertTrue(files.size() >= 25, "the corpus has " + files.size() + " files");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            SourceFile source = new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            assertEquals(SourceFormat.XPP, SourceFormat.detect(source.text()));
            XppTranslation t = XppReader.read(source);
            Compilation viaXpp = t.compile();
            if (viaXpp.problem().isEmpty()) {
                assertFalse(source.text().contains("neuroform-expect: train"), () -> DiagnosticRenderer.render(source, viaXpp.diagnostics()));
                return;
            }
            SourceFile converted = new SourceFile("converted.ode", t.translated().text());
            assertEquals(SourceFormat.NATIVE, SourceFormat.detect(converted.text()));
            Compilation nativeCompilation = Compiler.compile(converted);
            assertTrue(nativeCompilation.errors().isEmpty(), () -> DiagnosticRenderer.render(converted, nativeCompilation.diagnostics()));
            assertEquals(new ProblemPrinter(viaXpp.problem().get()).print(), new ProblemPrinter(nativeCompilation.problem().get()).print());
        }));
    }
}
