/**
 * The one JSON writer of the repl module: the training report ({@link
 * org.neuroform.repl.json.JsonWriter#training}) that {@code run --json}, {@code verify --json} and
 * saved solution files all carry, with one set of keys, and the two command-line documents built
 * around it. The keys are constants of {@link org.neuroform.repl.json.TrainingKeys}, which the
 * solution-file reader uses too.
 */
package org.neuroform.repl.json;
