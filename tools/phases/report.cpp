// The reports of bisect and check-phases, for people and as JSON.
#include "phases/phases.h"

#include <cstdio>

namespace comet::phases {

std::string passLabel(const ir::PassRun &pass) {
  return "pass " + std::to_string(pass.number) + " (" + pass.pass + " on " +
         pass.unit + ")";
}

namespace {

std::string stepLabel(const Phases &phases, long step) {
  return step < 0 ? "the reference (before any pass)"
                  : "after " + passLabel(phases.steps()[step].pass);
}

// How two behaviours differ, line by line.
std::string behaviourDiff(const Behaviour &good, const Behaviour &bad) {
  std::string text =
      "  good: " + good.describe() + "\n  bad:  " + bad.describe() + "\n";
  if (good.out != bad.out)
    text += unifiedDiff(good.out, bad.out, "good stdout", "bad stdout");
  if (good.err != bad.err)
    text += unifiedDiff(good.err, bad.err, "good stderr", "bad stderr");
  return text;
}

const char *statusName(Outcome::Status status) {
  switch (status) {
  case Outcome::Status::Miscompile:
    return "miscompile";
  case Outcome::Status::NoDivergence:
    return "no-divergence";
  case Outcome::Status::ReferenceUB:
    return "reference-ub";
  case Outcome::Status::Error:
    return "error";
  }
  return "error";
}

std::string unitDiffs(const ir::PassChange &change) {
  std::string text;
  for (const ir::UnitChange &unit : change.functions)
    text += unitDiff(unit, change.pass.number);
  if (change.moduleLevel)
    text += unifiedDiff(
        change.module.before, change.module.after,
        "module level before pass " + std::to_string(change.pass.number),
        "module level after pass " + std::to_string(change.pass.number));
  return text;
}

} // namespace

std::string jsonString(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        char escape[8];
        std::snprintf(escape, sizeof escape, "\\u%04x", c);
        out += escape;
      } else {
        out += char(c);
      }
    }
  }
  return out + "\"";
}

std::string unitDiff(const ir::UnitChange &unit, unsigned number) {
  return unifiedDiff(unit.before, unit.after,
                     "@" + unit.name + " before pass " + std::to_string(number),
                     "@" + unit.name + " after pass " + std::to_string(number));
}

std::string bisectReport(const Phases &phases, const Outcome &outcome) {
  std::string text;
  switch (outcome.status) {
  case Outcome::Status::Error:
    return "error: " + outcome.message + "\n";
  case Outcome::Status::ReferenceUB:
    return "reference-ub: " + outcome.message +
           "\nThe program's behaviour is undefined before any pass runs, so "
           "no pass is to blame.\n" +
           (phases.referenceCommand().empty()
                ? ""
                : "The reference IR: " + phases.referenceCommand() + "\n");
  case Outcome::Status::NoDivergence:
    return "no-divergence: all " + std::to_string(phases.steps().size()) +
           " snapshots behave as the reference (" +
           outcome.reference.describe() + "; " +
           std::to_string(phases.passCount()) + " passes)\n";
  case Outcome::Status::Miscompile:
    break;
  }
  const PhaseStep &bad = phases.steps()[outcome.bad];
  text += "miscompile: " + passLabel(bad.pass) +
          " changed the program's behaviour\n\n";
  text += "good: " + stepLabel(phases, outcome.good) + "\n";
  text += "bad:  " + stepLabel(phases, outcome.bad) + "\n\n";
  text += "behaviour:\n" +
          behaviourDiff(outcome.goodBehaviour, outcome.badBehaviour) + "\n";
  std::string diffs = unitDiffs(bad.change);
  text += "IR changed by pass " + std::to_string(bad.pass.number) + ":\n" +
          (diffs.empty() ? "  (not known)\n" : diffs) + "\n";
  text += "reproduce with stock opt:\n";
  if (!phases.referenceCommand().empty())
    text += "  " + phases.referenceCommand() + "\n";
  text += "  " + phases.optCommand(bad.pass.number - 1, "good.ll") + "\n";
  text += "  " + phases.optCommand(bad.pass.number, "bad.ll") + "\n\n";
  if (!outcome.explanation.empty())
    text += "explanation (good.ll and bad.ll run side by side):\n" +
            outcome.explanation + "\n";
  text += std::to_string(outcome.runs) + " programs run; " +
          std::to_string(phases.steps().size()) + " snapshots of " +
          std::to_string(phases.passCount()) + " passes\n";
  return text;
}

std::string bisectJson(const Phases &phases, const Outcome &outcome) {
  std::string out = "{\"status\": " + jsonString(statusName(outcome.status));
  out += ", \"message\": " + jsonString(outcome.message);
  out += ", \"passes\": " + std::to_string(phases.passCount());
  out += ", \"snapshots\": " + std::to_string(phases.steps().size());
  out += ", \"runs\": " + std::to_string(outcome.runs);
  out += ", \"reference_output\": " + jsonString(outcome.reference.out);
  out += ", \"reference_ending\": " + jsonString(outcome.reference.describe());
  if (outcome.status == Outcome::Status::Miscompile) {
    const PhaseStep &bad = phases.steps()[outcome.bad];
    out += ", \"pass_number\": " + std::to_string(bad.pass.number);
    out += ", \"pass_name\": " + jsonString(bad.pass.pass);
    out += ", \"ir_unit\": " + jsonString(bad.pass.unit);
    out += ", \"good_pass_number\": " +
           std::to_string(
               outcome.good < 0 ? 0 : phases.steps()[outcome.good].pass.number);
    out += ", \"good_output\": " + jsonString(outcome.goodBehaviour.out);
    out += ", \"bad_output\": " + jsonString(outcome.badBehaviour.out);
    out += ", \"good_ending\": " + jsonString(outcome.goodBehaviour.describe());
    out += ", \"bad_ending\": " + jsonString(outcome.badBehaviour.describe());
    out += ", \"ir_diff\": " + jsonString(unitDiffs(bad.change));
    out += ", \"good_command\": " +
           jsonString(phases.optCommand(bad.pass.number - 1, "good.ll"));
    out += ", \"bad_command\": " +
           jsonString(phases.optCommand(bad.pass.number, "bad.ll"));
    if (!outcome.explanation.empty())
      out += ", \"explanation\": " + jsonString(outcome.explanation);
  }
  return out + "}\n";
}

std::string checkPhasesReport(const Phases &phases, const Outcome &outcome) {
  if (outcome.status != Outcome::Status::Miscompile)
    return bisectReport(phases, outcome);
  std::string text;
  bool first = true;
  for (const auto &[step, behaviour] : outcome.divergences) {
    const ir::PassRun &pass = phases.steps()[step].pass;
    text += std::string(first ? "* " : "  ") + "pass " +
            std::to_string(pass.number) + " " + pass.pass + " on " + pass.unit +
            ": " + behaviour.describe() +
            (behaviour.out != outcome.reference.out ? ", stdout differs" : "") +
            (behaviour.err != outcome.reference.err ? ", stderr differs" : "") +
            "\n";
    first = false;
  }
  return text + std::to_string(outcome.divergences.size()) + " of " +
         std::to_string(phases.steps().size()) +
         " snapshots differ from the reference (" +
         outcome.reference.describe() + ")\n";
}

} // namespace comet::phases
