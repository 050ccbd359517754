namespace Vigil.Detectors.ContextOse;

/// <summary>Which edition of CAD OSE's scoring to reproduce.</summary>
public enum ContextOseVariant
{
    /// <summary>
    /// The edition behind NAB's shipped contextOSE results (reproduced on every row): sensor facts are the small
    /// ints 2k + bit, the raw score is always (1 − active/selected + added/proposed) / 2, and values are taken as
    /// NAB's pandas read them (<see cref="PandasFloatParsing"/>).
    /// </summary>
    Nab,

    /// <summary>
    /// The later CAD OSE code: sensor facts are 65536 + 2k + bit (which changes every tuple hash, hence the
    /// context ranking), and the raw score is 0 when the previous step predicted every sensor fact.
    /// </summary>
    Predictive,
}
