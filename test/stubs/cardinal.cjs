// mysql2 optionally require()s `cardinal` to colour SQL in its debug output. It is not
// installed; this stub answers the require in tests so the resolver does not log a failure.
module.exports = {};
