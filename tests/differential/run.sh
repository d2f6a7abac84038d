#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The before/after differential on handwritten programs. Each program
# names, per patched variant of the default tree, what the differential
# target of that variant must say:
#   # expect +<fixtures>: change <driver> <kind> <op>   (aborts with it)
#   # expect +<fixtures>: same <ops>                    (no change, every op compared)
#   # expect +<fixtures>: note <text>                   (no change; the comparison
#                                                       stopped early, saying <text>)
#   # env: VAR=VALUE ...                                (optional: the target's
#                                                       environment, e.g. to pin an
#                                                       experimental model)
#
# usage: run.sh PROTOC PROTO_DIR DIR VARIANT=TARGET...
set -u
protoc=$1
proto_dir=$2
dir=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

target_for() { # variant
	for vt in $variants; do
		[ "${vt%%=*}" = "$1" ] && { echo "${vt#*=}"; return; }
	done
}
variants="$*"

for f in "$dir"/*.textproto; do
	bin=$tmp/$(basename "$f" .textproto).pb
	if ! "$protoc" --encode=iotlbfuzz.Program -I"$proto_dir" program.proto <"$f" >"$bin"; then
		echo "FAIL $f: does not encode"
		fail=$((fail + 1))
		continue
	fi
	grep '^# expect +' "$f" >"$tmp/expects"
	if [ ! -s "$tmp/expects" ]; then
		echo "FAIL $f: no '# expect +<fixtures>:' line"
		fail=$((fail + 1))
		continue
	fi
	while read -r _ _ variant want; do
		variant=${variant%:}
		target=$(target_for "$variant")
		name="$(basename "$f") on $variant"
		if [ -z "$target" ] || [ ! -x "$target" ]; then
			echo "FAIL $name: no differential target for $variant"
			fail=$((fail + 1))
			continue
		fi
		env=$(sed -n 's/^# env: *//p' "$f" | head -n 1)
		# shellcheck disable=SC2086 # VAR=VALUE words
		out=$(env IOTLBFUZZ_DIFF_VERBOSE=1 $env "$target" "$bin" 2>&1)
		rc=$?
		# shellcheck disable=SC2086 # "<kind> <args>": split it
		set -- $want
		ok=0
		case "$1" in
		change)
			[ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q "^ASSERTION FAILURE: behaviour-change: $2: $3 at op #$4: " && ok=1
			;;
		same)
			[ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q "no behaviour change ($2 ops compared)\$" && ok=1
			;;
		note)
			shift
			[ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q "no behaviour change (.*): .*$*" && ok=1
			;;
		esac
		if [ $ok = 1 ]; then
			echo "PASS $name: $want"
			pass=$((pass + 1))
		else
			echo "FAIL $name: expected $want, got (exit $rc):"
			printf '%s\n' "$out" | grep -E 'iotlbfuzz_differential:|ASSERTION FAILURE' | sed 's/^/    /'
			fail=$((fail + 1))
		fi
	done <"$tmp/expects"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
