package org.neuroform.runtime.train;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.neuroform.compiler.settings.OptimizerChoice;
import org.neuroform.compiler.settings.TrainSettings;
import org.neuroform.runtime.optim.Adam;
import org.neuroform.runtime.optim.Lbfgs;
import org.neuroform.runtime.optim.LevenbergMarquardt;
import org.neuroform.runtime.optim.Optimizer;

/**
 * The optimizers that train every weight, by the name {@code train optimizer} gives them. The
 * default ({@code auto}) is not among them: it is the least-squares core
 * ({@link LeastSquaresTrainer}), which solves for the output layers instead.
 */
final class Optimizers {
    private static final Map<OptimizerChoice, BiFunction<TrainSettings, Boolean, Optimizer>> FACTORIES =
            new EnumMap<>(OptimizerChoice.class);

    static {
        FACTORIES.put(OptimizerChoice.ADAM, (settings, safer) -> adam(settings, safer));
        FACTORIES.put(OptimizerChoice.LBFGS, (settings, safer) -> new Lbfgs(Lbfgs.Config.defaults()));
        FACTORIES.put(OptimizerChoice.ADAM_LBFGS, (settings, safer) -> adam(settings, safer).then(new Lbfgs(Lbfgs.Config.defaults())));
        FACTORIES.put(OptimizerChoice.LM, (settings, safer) -> new LevenbergMarquardt(damping(safer)));
    }

    private Optimizers() {}

    /**
     * The optimizer {@code settings} name; {@code safer} (a retry after the loss became NaN or
     * infinite): a tenth of the learning rate, or Levenberg–Marquardt's damping started strong.
     */
    static Optimizer of(TrainSettings settings, boolean safer) {
        BiFunction<TrainSettings, Boolean, Optimizer> factory = FACTORIES.get(settings.optimizer());
        if (factory == null) {
            throw new IllegalArgumentException(settings.optimizer().keyword() + " does not train every weight");
        }
        return factory.apply(settings, safer);
    }

    private static Adam adam(TrainSettings settings, boolean safer) {
        return new Adam(Adam.Config.of(settings.learningRate() * (safer ? 0.1 : 1)));
    }

    private static LevenbergMarquardt.Config damping(boolean safer) {
        LevenbergMarquardt.Config defaults = LevenbergMarquardt.Config.defaults();
        return safer ? new LevenbergMarquardt.Config(1, defaults.relativeStep(), defaults.stallIterations(), defaults.stallFactor())
                : defaults;
    }
}
