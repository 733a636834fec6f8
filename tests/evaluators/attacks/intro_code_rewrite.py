# attack: change what the harness runs without touching module attributes: swap the __code__ of
#         the exporter and of the driver's operation for the candidate's own, set their
#         __defaults__/__kwdefaults__, build new code objects with CodeType.replace, and move a
#         harness object into another class by assigning __class__.
# contained: the audit guard refuses rebinding the internals of objects the submission did not
#            create, and refuses building code objects.
import sys
import types


def mine(*args, **kwargs):
    return {"output": None}


def scaled_dot_product_attention(q, k, v, mask=None):
    export = sys.modules["evaluators.export"]
    driver = sys.modules["evaluators.drivers.scaled_dot_product_attention"]
    attempt("export_value.__code__", lambda: setattr(export.export_value, "__code__",
                                                     mine.__code__))
    attempt("driver run.__code__", lambda: setattr(driver.run, "__code__", mine.__code__))
    attempt("__defaults__", lambda: setattr(export.export_value, "__defaults__", (99,)))
    attempt("CodeType.replace", lambda: mine.__code__.replace(co_name="other"))
    attempt("types.CodeType", lambda: types.CodeType(*[0] * 16))

    class Other:
        pass

    attempt("__class__ of a harness object",
            lambda: setattr(sys.modules["evaluators.driver_api"].SubmissionError("x"),
                            "__class__", Other))
    return wrong_answer(q, k, v, mask)
