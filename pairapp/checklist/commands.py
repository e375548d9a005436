"""`pairapp guide ...`: load the organisation's checklist guides and choose the default."""

from pathlib import Path

import click

from .guides import (
    BUILTIN_NAME,
    GuideError,
    GuideExists,
    check_name,
    guide_summaries,
    read_guide,
    set_default,
    store_guide,
)


@click.group("guide")
def guide_group():
    """Monthly checklist guides: import one, list them, choose the one new pairs get."""


@guide_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="The guide's name (default: `name:` in the YAML, or the file name).")
@click.option("--replace", is_flag=True, help="Replace the stored guide of the same name.")
@click.option("--default", "make_default", is_flag=True, help="New pairs get this guide.")
def import_command(file, name, replace, make_default):
    """Import a guide from a YAML or CSV file; a file with any problem imports nothing."""
    try:
        parsed = read_guide(file)
        name = check_name(name or parsed.name or file.stem.replace("_", " "))
        guide, replaced = store_guide(parsed, name, file.name, replace, make_default)
    except GuideError as error:
        details = "\n".join(f"  {file.name}, {line}" for line in error.lines())
        raise click.ClickException(
            f"Nothing was imported. Please fix this and try again:\n{details}"
        ) from None
    except GuideExists:
        raise click.ClickException(
            f"A guide named '{name}' already exists. Nothing was imported. "
            "Add --replace to replace it (pairs keep their own copies), or choose another --name."
        ) from None
    months = len({row.month for row in parsed.rows})
    verb = "Replaced" if replaced else "Imported"
    click.echo(f"{verb} guide '{guide.name}': {len(parsed.rows)} items over {months} months.")
    if make_default:
        click.echo("New pairs will get this guide.")
    else:
        click.echo(f'New pairs get it once you run: pairapp guide default "{guide.name}"')
    if replaced:
        click.echo("Pairs that already have a checklist keep their own copy.")


@guide_group.command("list")
def list_command():
    """List the guides; the one new pairs get is marked with *."""
    for name, count, source, is_default in guide_summaries():
        mark = "*" if is_default else " "
        origin = f"  ({source})" if source else ""
        click.echo(f"{mark} {name}  {count} items{origin}")


@guide_group.command("default")
@click.argument("name")
def default_command(name):
    """Choose the guide new pairs get (`built-in` for the one pairapp ships with)."""
    if not set_default(name):
        raise click.ClickException(
            f"There is no guide named '{name}'. See the names with: pairapp guide list"
        )
    shown = BUILTIN_NAME if name.strip().lower() == BUILTIN_NAME else " ".join(name.split())
    click.echo(f"New pairs now get the guide '{shown}'.")
    click.echo("Pairs that already have a checklist keep their own copy.")
