package org.neuroform.repl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroform.compiler.CompiledProblem;
import org.neuroform.runtime.optim.TrainingMonitor;

class SessionTest {
    @TempDir
    Path tmp;

    private static Session decay() {
        Session session = new Session();
        for (String line : new String[] {"domain x in [0, 1]", "y' = -y", "y(0) = 1"}) {
            assertEquals("", session.handle(line).text());
        }
        return session;
    }

    private static double value(String reply) {
        Matcher m = Pattern.compile("= (\\S+)").matcher(reply);
        assertTrue(m.find(), reply);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aStopRequestEndsTrainingEarlyAndKeepsTheBestWeights() {
        Session session = decay();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger ends = new AtomicInteger();
        session.setObserver(new TrainingObserver() {
            @Override
            public TrainingMonitor begin(CompiledProblem problem) {
                assertEquals(1_000_000, problem.settings().epochs(), "the run's own options reach the observer");
                return new TrainingMonitor() {
                    @Override
                    public void progress(String stage, int iteration, double loss) {
                        calls.incrementAndGet();
                    }

                    @Override
                    public boolean stopRequested() {
                        return calls.get() >= 300; // as if Ctrl-C came after 300 iterations
                    }
                };
            }

            @Override
            public void end() {
                ends.incrementAndGet();
            }
        });
        String reply = session.handle(":train epochs = 1000000, optimizer = adam, lr = 0.01").text();
        assertTrue(reply.contains("(stopped early: the best weights so far are kept)"), reply);
        assertEquals(1, ends.get());
        Matcher iterations = Pattern.compile("trained: (\\d+) iterations").matcher(reply);
        assertTrue(iterations.find(), reply);
        assertTrue(Integer.parseInt(iterations.group(1)) <= 310, reply);
        // 300 Adam steps are far from converged but far better than the initial guess: the weights are kept.
        double y = value(session.handle("y(0.5)").text());
        assertTrue(Math.abs(y - Math.exp(-0.5)) < 0.05, "y(0.5) = " + y);
    }

    @Test
    void aFailedTrainKeepsThePreviousSolution() {
        Session session = decay();
        session.handle(":train epochs = 100, optimizer = lm, hidden = [8]");
        String before = session.handle("y(0.5)").text();
        String reply = session.handle(":train epochs = -3").text();
        assertTrue(reply.contains("error") && reply.contains("(the previous solution is kept)"), reply);
        assertEquals(before, session.handle("y(0.5)").text());
    }

    @Test
    void aDamagedSolutionFileChangesNothing() throws Exception {
        Session session = decay();
        session.handle(":train epochs = 100, optimizer = lm, hidden = [8]");
        Path file = tmp.resolve("s.json");
        assertTrue(session.handle(":save " + file).text().startsWith("saved"));
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 40));
        session.handle("param k = 3");
        String shown = session.handle(":show").text();
        String reply = session.handle(":open " + file).text();
        assertTrue(reply.contains("ends early") && reply.contains("(nothing opened; the session is unchanged)"), reply);
        assertEquals(shown, session.handle(":show").text());
        assertTrue(session.handle("y(0.5)").text().contains("stale"));
    }

    @Test
    void anOpenedSolutionAnswersLikeTheSavedOne() throws Exception {
        Session session = decay();
        session.handle(":train epochs = 100, optimizer = lm, hidden = [8]");
        String before = session.handle("y(0.3) + y'(0.7)").text();
        Path file = tmp.resolve("s.json");
        session.handle(":save " + file);
        Session other = new Session();
        assertTrue(other.handle(":open " + file).text().startsWith("opened"));
        assertEquals(before, other.handle("y(0.3) + y'(0.7)").text());
        assertTrue(other.handle(":show").text().contains("solution: current"));
    }

    @Test
    void digitsChangeHowValuesArePrinted() {
        Session session = decay();
        session.handle(":train epochs = 100, optimizer = lm, hidden = [8]");
        session.handle(":set digits = 17");
        String precise = session.handle("y(0.5)").text();
        session.handle(":set digits = 5");
        String brief = session.handle("y(0.5)").text();
        assertTrue(precise.length() > brief.length() + 10, precise + brief);
        assertEquals(value(precise), value(brief), 1e-5);
    }

    @Test
    void namesComeFromTheStatements() {
        Session session = new Session();
        session.handle("domain t in [0, 2]");
        session.handle("param k = 1, c = 2");
        session.handle("u'' + k*sin(u) = c*v'");
        Session.Names names = session.names();
        assertEquals(java.util.Set.of("u", "v"), names.unknowns());
        assertEquals(java.util.Set.of("k", "c"), names.params());
        assertEquals("t", names.variable().orElseThrow());
    }

    private static String trainLine(String shown) {
        return shown.lines().filter(l -> l.startsWith("train: ")).findFirst().orElseThrow(() -> new AssertionError(shown));
    }

    @Test
    void showListsOnlyTheSettingsTheOptimizerUses() {
        Session session = decay();
        String auto = trainLine(session.handle(":show").text());
        assertTrue(auto.contains("optimizer = auto") && auto.contains("hidden = [20]") && auto.contains("accuracy = 1e-7"), auto);
        for (String unused : new String[] {"epochs", "lr", "tolerance"}) {
            assertFalse(auto.contains(unused + " = "), "auto does not use " + unused + ": " + auto);
        }
        session.handle("train optimizer = adam");
        String adam = trainLine(session.handle(":show").text());
        assertTrue(adam.contains("epochs = 2000") && adam.contains("lr = 0.001") && adam.contains("tolerance = 1e-20"), adam);
        session.handle("train optimizer = lm");
        String lm = trainLine(session.handle(":show").text());
        assertTrue(lm.contains("epochs = 2000") && !lm.contains("lr = "), "LM has no learning rate: " + lm);
    }

    /**
     * Ctrl-C mid-march (issue 13, item 4): the summary says what was trained, a query inside it is
     * answered with its accuracy, one beyond it is refused with the reason, and :save then :open
     * gives the same answer.
     */
    @Test
    void aStopMidMarchSaysWhatItCoversAndAnswersOnlyThere() throws Exception {
        Session session = new Session();
        for (String line : new String[] {"domain x in [0, 20]", "y'' + y = 0", "y(0) = 0", "y'(0) = 1"}) {
            assertEquals("", session.handle(line).text());
        }
        AtomicInteger calls = new AtomicInteger();
        session.setObserver(new TrainingObserver() {
            @Override
            public TrainingMonitor begin(CompiledProblem problem) {
                return new TrainingMonitor() {
                    @Override
                    public void progress(String stage, int iteration, double loss) {
                        calls.incrementAndGet();
                    }

                    @Override
                    public boolean stopRequested() {
                        return calls.get() >= 3; // as if Ctrl-C came a few segments in (one progress report per solve)
                    }
                };
            }

            @Override
            public void end() {}
        });
        String trained = session.handle(":train").text();
        Matcher covered = Pattern.compile("\ntrained on \\[0, (\\S+)\\] of \\[0, 20\\]; type :train to continue\n").matcher(trained);
        assertTrue(covered.find(), trained);
        double upper = Double.parseDouble(covered.group(1));
        assertTrue(upper > 0 && upper < 20, trained);

        String inside = session.handle("y(" + upper / 2 + ")").text();
        assertEquals(Math.sin(upper / 2), value(inside), 1e-3, inside);
        assertTrue(inside.contains("(residual "), "answered with its accuracy: " + inside);

        String table = session.handle(":table y").text();
        assertFalse(table.contains("NaN"), "the table covers the trained part only: " + table);
        assertTrue(session.handle(":table y from 0 to 19").text().contains("19 is beyond the trained part"));
        assertTrue(session.handle(":plot y from 0 to 19").text().contains("19 is beyond the trained part"));

        String verified = session.handle(":verify").text();
        assertTrue(verified.contains("points of the trained part [0, " + covered.group(1) + "] only:"), verified);
        assertFalse(verified.contains("NaN"), "verified where it was trained: " + verified);

        String beyond = session.handle("y(19)").text();
        assertTrue(beyond.contains("error: the point 19 is beyond the trained part [0, " + covered.group(1) + "] of the domain [0, 20]"), beyond);
        assertTrue(beyond.contains("hint: training was stopped at " + covered.group(1)), beyond);

        Path file = tmp.resolve("stopped.json");
        assertEquals("", session.handle(":save " + file).text().replaceAll("saved .*\n", ""));
        Session other = new Session();
        String opened = other.handle(":open " + file).text();
        assertTrue(opened.contains("trained on [0, " + covered.group(1) + "] of [0, 20]"), opened);
        assertEquals(value(inside), value(other.handle("y(" + upper / 2 + ")").text()), 0.0);
        assertTrue(other.handle("y(19)").text().contains("beyond the trained part"));
        String exported = other.handle(":export y as python to " + tmp.resolve("y.py")).text();
        assertTrue(Files.readString(tmp.resolve("y.py")).contains("UPPER = "), exported);

        // :train goes on from where the march stopped, keeping what was trained.
        session.setObserver(TrainingObserver.SILENT);
        String resumed = session.handle(":train").text();
        assertTrue(resumed.contains("note: continued from x = "), resumed);
        assertFalse(resumed.contains("trained on ["), "the whole domain is covered now: " + resumed);
        assertEquals(value(inside), value(session.handle("y(" + upper / 2 + ")").text()), 0.0, "the kept segments are the same");
        assertEquals(Math.sin(19), value(session.handle("y(19)").text()), 1e-9);
    }

    /** A blow-up leaves a partial solution too: it says what it covers, without the hint to continue, and refuses beyond. */
    @Test
    void aBlowUpSaysWhatItCoversAndRefusesBeyond() {
        Session session = new Session();
        for (String line : new String[] {"domain x in [0, 2]", "y' = y^2", "y(0) = 1"}) {
            assertEquals("", session.handle(line).text());
        }
        String trained = session.handle(":train").text();
        Matcher covered = Pattern.compile("\ntrained on \\[0, (\\S+)\\] of \\[0, 2\\]\n").matcher(trained);
        assertTrue(covered.find(), trained);
        assertTrue(trained.contains("blows up"), trained);
        assertTrue(Double.parseDouble(covered.group(1)) < 1, "nothing is invented beyond the blow-up at 1: " + trained);
        String beyond = session.handle("y(1.5)").text();
        assertTrue(beyond.contains("error: the point 1.5 is beyond the trained part"), beyond);
        assertTrue(beyond.contains("hint: training did not get past " + covered.group(1)), beyond);
    }

    /** The value of {@code QUERY = VALUE} when the query itself contains '=' ({@code y(1.5; k = 0.7)}). */
    private static double answer(String reply) {
        Matcher m = Pattern.compile("\\) = (\\S+)").matcher(reply);
        assertTrue(m.find(), reply);
        return Double.parseDouble(m.group(1));
    }

    private static Session decayBundle() {
        Session session = new Session();
        for (String line : new String[] {"domain x in [0, 2]", "param k in [0.5, 2]", "y' = -k*y", "y(0) = 1"}) {
            assertEquals("", session.handle(line).text());
        }
        return session;
    }

    /** Issue 15 in the shell: :train trains the bundle; queries name k, or take it from :set k = …; d(QUERY, k). */
    @Test
    void theShellTrainsABundleAndAnswersAtTheParamsValues() {
        Session session = decayBundle();
        assertTrue(session.handle("y(1.5)").text().contains("no trained solution yet"));
        String early = session.handle(":set k = 0.3").text();
        assertTrue(early.contains("outside the range of k"), "checked before :train too: " + early);
        String trained = session.handle(":train").text();
        assertTrue(trained.contains("bundle: ") && trained.contains("Chebyshev nodes of k in [0.5, 2]"), trained);
        assertFalse(trained.contains("warning"), trained);

        String named = session.handle("y(1.5; k = 0.7)").text();
        assertTrue(named.startsWith("y(1.5; k = 0.7) = "), named);
        assertEquals(Math.exp(-0.7 * 1.5), answer(named), 1e-9);
        assertTrue(named.contains("differs from the reference by"), "each answer carries its accuracy: " + named);
        assertEquals(-1.5 * Math.exp(-0.7 * 1.5), answer(session.handle("d(y(1.5; k = 0.7), k)").text()), 1e-7);

        String missing = session.handle("y(1.5)").text();
        assertTrue(missing.contains("error: the query needs a value of the ranged param 'k'"), missing);
        assertEquals("k is not set: the queries name it (y(X; k = VALUE)) or :set k = VALUE\n", session.handle(":set k").text());
        assertTrue(session.handle(":set k = 3").text().contains("3 is outside the range of k [0.5, 2]"));
        assertTrue(session.handle(":set k = 0.3*2").text().startsWith("k = 0.6 (for the queries"));
        assertEquals("k = 0.6\n", session.handle(":set k").text());
        String plain = session.handle("y(1.5)").text();
        assertTrue(plain.startsWith("y(1.5) = ") && plain.contains("(at k = 0.6)"), plain);
        assertEquals(Math.exp(-0.6 * 1.5), answer(plain), 1e-9);
        assertEquals(-1.5 * Math.exp(-0.6 * 1.5), answer(session.handle("d(y(1.5), k)").text()), 1e-7);
        assertEquals(Math.exp(-1.2 * 1.5), answer(session.handle("y(1.5; k = 1.2)").text()), 1e-9, "a named value wins over :set");
        assertTrue(session.handle(":set").text().contains("k         = 0.6"), session.handle(":set").text());
        assertTrue(session.handle(":show").text().contains("set: k = 0.6"));

        // Across the domain at the :set value, and against k at a fixed point
        String table = session.handle(":table y from 0 to 2 step 1").text();
        assertTrue(table.startsWith("(at k = 0.6)\n"), table);
        assertTrue(table.contains(org.neuroform.repl.format.Numbers.value(Math.exp(-1.2), 12).substring(0, 10)), table);
        String over = session.handle(":table y(2), d(y(2), k), k*y(1) over k from 0.5 to 2 step 0.5").text();
        String[] rows = over.split("\n");
        assertEquals(2 + 4, rows.length, over);
        assertTrue(rows[0].matches("\\s*k\\s+y\\(2\\)\\s+d\\(y\\(2\\), k\\)\\s+k\\*y\\(1\\)\\s*"), rows[0]);
        for (int i = 0; i < 4; i++) {
            String[] cells = rows[2 + i].strip().split("\\s+");
            double k = 0.5 + 0.5 * i;
            assertEquals(k, Double.parseDouble(cells[0]), 1e-12);
            assertEquals(Math.exp(-2 * k), Double.parseDouble(cells[1]), 1e-9);
            assertEquals(-2 * Math.exp(-2 * k), Double.parseDouble(cells[2]), 1e-7);
            assertEquals(k * Math.exp(-k), Double.parseDouble(cells[3]), 1e-9, "a bare k is the row's value");
        }
        assertEquals(2 + 11, session.handle(":table y(1) over k").text().split("\n").length, "11 rows across the range");
        assertTrue(session.handle(":table y(1; k = 1) over k").text().contains("names a value of k itself"));
        assertTrue(session.handle(":table y(1) over c").text().contains("'c' is not a ranged param"));
        assertTrue(session.handle(":table y(1) over k from 0 to 1").text().contains("0 is outside the range of k"));
        assertTrue(session.handle(":table y(3) over k").text().contains("outside the domain"));
        String plot = session.handle(":plot y(2) over k").text();
        assertTrue(plot.contains("y(2)"), plot);

        // a :train that fails keeps the bundle; a new range forgets a :set value it does not contain
        assertEquals("(the trained solution is now stale: :train to update it)\n", session.handle("y(1) = 2").text());
        String failed = session.handle(":train").text();
        assertTrue(failed.contains("error") && failed.endsWith("(the previous solution is kept)\n"), failed);
        assertEquals(Math.exp(-0.6 * 1.5), answer(session.handle("y(1.5)").text()), 1e-9);
        session.handle(":drop y(1)");
        session.handle("param k in [0.5, 0.55]");
        String retrained = session.handle(":train").text();
        assertTrue(retrained.contains("(k is no longer set: its value is outside the new range)"), retrained);
        assertTrue(session.handle("y(1)").text().contains("needs a value of the ranged param 'k'"));
        assertEquals(Math.exp(-0.52), answer(session.handle("y(1; k = 0.52)").text()), 1e-9);
    }

    @Test
    void setRefusesAnOrdinaryParamAndTheTableNeedsTheRangedOnesFixed() {
        Session session = decayBundle();
        session.handle("param c = 2");
        session.handle(":train");
        assertTrue(session.handle(":set c = 1").text().startsWith("c is not a ranged param"));
        assertTrue(session.handle(":table y").text().contains("fix it first (:set k = VALUE)"));
        assertTrue(session.handle(":set digits = 6").text().startsWith("digits = 6"), "the shell's own settings still work");
    }

    /** :save and :open keep the ranges and the node solutions: the same answers, digit for digit. */
    @Test
    void aSavedBundleOpensAndAnswersTheSame() throws Exception {
        Session session = decayBundle();
        session.handle(":train");
        session.handle(":set digits = 17");
        String file = tmp.resolve("bundle.json").toString();
        assertTrue(session.handle(":save " + file).text().startsWith("saved the trained solution"));
        Session other = new Session();
        other.handle(":set digits = 17");
        String opened = other.handle(":open " + file).text();
        assertTrue(opened.contains("trained parametric solution") && opened.contains("bundle: "), opened);
        for (String query : new String[] {"y(1.5; k = 0.7)", "d(y(0.3; k = 1.9), k)", "y'(2; k = 0.5)"}) {
            assertEquals(session.handle(query).text().lines().findFirst(), other.handle(query).text().lines().findFirst(), query);
        }
        other.handle(":set k = 1.1");
        assertEquals(Math.exp(-1.1), answer(other.handle("y(1)").text()), 1e-9);
        Path ode = tmp.resolve("other.ode");
        Files.writeString(ode, "domain x in [0, 1]\ny' = -y\ny(0) = 1\n");
        assertTrue(other.handle(":load " + ode).text().contains("the trained solution is now stale"), "a bundle goes stale too");
        assertTrue(other.handle("y(1)").text().contains("(from the stale solution"));
        String python = other.handle(":export y as python to " + tmp.resolve("y.py")).text();
        assertTrue(python.contains("(function y(x, k))"), python);
        assertTrue(Files.readString(tmp.resolve("y.py")).contains("def y(x, k):"));
        String java = other.handle(":export y as java to " + tmp.resolve("YSolution.java")).text();
        assertTrue(java.contains("(class YSolution, method y(double, double))"), java);
    }
}
