"""``vincheck check``: check one whole case (rubbing sheets + photos + expected VIN)."""

from __future__ import annotations

import argparse
import sys

from vincheck.cli.output import advice_line, expected_vin_arg, print_json_line
from vincheck.errors import ExitCode, UsageError
from vincheck.findings import CaseResult, Status, Verdict
from vincheck.inspection import CaseInput, run_case
from vincheck.settings import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="check one vehicle's paperwork (rubbing sheets and photos together)",
        description="Check one case. Give a case file (--case), the bundled sample (--sample), "
        "or files: --rubbing/--photo name their role; other FILES are sorted automatically.")
    p.add_argument("files", nargs="*", metavar="FILE", help="scans/photos, sorted automatically")
    p.add_argument("--case", metavar="CASE.json", help="a case file (see README)")
    p.add_argument("--sample", action="store_true", help="check the bundled sample case")
    p.add_argument("--rubbing", action="append", default=[], metavar="FILE")
    p.add_argument("--photo", action="append", default=[], metavar="FILE")
    p.add_argument("--expect", metavar="VIN", help="the VIN on the certificate")
    p.add_argument("--certificate", metavar="FILE", help="a scan or photo of the 合格证: its "
                   "VIN, colour and kind fill what --expect/--color/--kind do not give")
    p.add_argument("--kind", choices=("car", "trailer"), default=None)
    p.add_argument("--color", metavar="NAME", help="declared body colour, e.g. 白 or white")
    p.add_argument("--dpi", type=float, help="scan resolution when the files carry none")
    p.add_argument("--json", action="store_true", help="print the whole result as JSON")
    p.add_argument("--lang", choices=("en", "zh_CN"), default="en",
                   help="language of the text output (zh_CN: rule names, sentences and "
                   "advice in Chinese)")
    p.add_argument("--record", action="store_true", help="save the result in the records store")
    p.set_defaults(func=run)


def build_case(args: argparse.Namespace) -> CaseInput:
    """Turn the command line into a CaseInput (case file or sample first, then overrides)."""
    from vincheck.case_io import load_case_file, sample_case_path

    if args.sample and args.case:
        raise UsageError("give either --sample or --case, not both")
    if args.sample:
        case = load_case_file(sample_case_path())
    elif args.case:
        case = load_case_file(args.case)
    else:
        case = CaseInput()
    case.rubbing_files += args.rubbing
    case.photo_files += args.photo
    certificates = list(case.certificate_files)
    case.certificate_files = []
    if getattr(args, "certificate", None):
        certificates.append(args.certificate)
    if args.files:
        from vincheck.case_files import classify_file

        for f in args.files:
            kind = classify_file(f)
            if kind == "certificate":
                certificates.append(f)
            else:
                (case.rubbing_files if kind == "rubbing" else case.photo_files).append(f)
    if not case.files():
        raise UsageError("nothing to check: give files, --case CASE.json or --sample")
    if args.expect:
        case.expected_vin = expected_vin_arg(args.expect)
    if args.kind:
        case.kind = args.kind
    if args.color:
        case.color = args.color
    if args.dpi:
        case.dpi = args.dpi
    # typed on the command line or in the case file: kept, a differing certificate is said
    given = {n for n, a in (("vin", case.expected_vin), ("kind", args.kind),
                            ("colour", case.color)) if a}
    for f in certificates:
        apply_certificate(case, f, given)
        case.certificate_files.append(f)
    return case


def apply_certificate(case: CaseInput, file: str, given: set[str]) -> None:
    """Fill the case from a certificate file; what is not filled is said on stderr."""
    from vincheck.certificate import apply_to_case, read_certificate_file

    reading = read_certificate_file(file)
    for name, value in reading.filled().items():
        if name not in given:
            v = reading.values[name]
            print(f"certificate: {name} {value} from the {v.source} "
                  f"({v.confidence:.2f})", file=sys.stderr)
    for note in apply_to_case(case, reading, given):
        print(note, file=sys.stderr)


def run(args: argparse.Namespace) -> ExitCode:
    settings = load_settings()
    case = build_case(args)
    result = run_case(case, settings)
    if args.record:
        from vincheck.store import Store

        with Store(settings=settings) as store:
            store.record_case(case, result, station=settings.station,
                              operator=settings.operator, source="cli")
    if args.json:
        print_json_line(result.to_dict())
    elif args.lang.startswith("zh"):
        print_summary_zh(result)
    else:
        print_summary(result)
    for e in result.errors:  # the summary lists them too; stderr says why it exits 2
        print(f"vincheck: error: {e['error']}", file=sys.stderr)
    if result.errors:
        return ExitCode.USAGE
    return ExitCode.OK if result.verdict is Verdict.PASS else ExitCode.FAILED


def print_summary(result: CaseResult) -> None:
    """A short human-readable account: verdict, VINs, every rule that did not pass."""
    out = sys.stdout
    out.write(f"verdict: {result.verdict}  expected VIN: {result.expected_vin or '-'}  "
              f"read: {', '.join(result.vins_read) or '-'}  ({result.ms:.0f} ms)\n")
    for sheet in result.sheets:
        out.write(f"  rubbing sheet {sheet.file}"
                  f"{f' p{sheet.page + 1}' if sheet.page else ''}: {sheet.verdict}\n")
        for f in sheet.all_findings():
            if f.status is not Status.PASS:
                out.write(f"    {f.status:<7} {f.code}: {f.message}\n")
                out.writelines(line + "\n" for line in advice_line(f))
    for photo in result.photos:
        out.write(f"  photo {photo.file}: {photo.verdict}\n")
        for f in photo.findings:
            if f.status is not Status.PASS:
                out.write(f"    {f.status:<7} {f.code}: {f.message}\n")
                out.writelines(line + "\n" for line in advice_line(f))
    for f in result.findings:
        if f.status is not Status.PASS:
            out.write(f"  {f.status:<7} {f.code}: {f.message}\n")
            out.writelines(line + "\n" for line in advice_line(f, "    "))
    for e in result.errors:
        out.write(f"  error   {e['error']}\n")


def print_summary_zh(result: CaseResult) -> None:
    """The account of :func:`print_summary` in Chinese, from the rule registry: each rule
    that did not pass with its sentence and what to do next."""
    from vincheck import rules
    from vincheck.finding_text import explanation

    out = sys.stdout
    out.write(f"结论：{rules.verdict_name(result.verdict)}  应有代号：{result.expected_vin or '-'}"
              f"  识别：{', '.join(result.vins_read) or '-'}（{result.ms:.0f} 毫秒）\n")
    groups = [(f"拓印膜 {s.file}", s.all_findings()) for s in result.sheets]
    groups += [(f"相片 {p.file}", p.findings) for p in result.photos]
    groups.append(("案件", result.findings))
    for title, findings in groups:
        bad = [f for f in findings if f.status is not Status.PASS]
        if title != "案件" or bad:
            out.write(f"  {title}\n")
        for f in bad:
            out.write(f"    {rules.status_name(f.status)} {rules.name(f.code)}："
                      f"{explanation(f, 'zh_CN')}\n")
            advice = rules.advice(f)
            if advice:
                out.write(f"      处理办法：{advice}\n")
    for e in result.errors:
        out.write(f"  文件错误 {e['error']}\n")
