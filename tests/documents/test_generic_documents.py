

def test_a_clause_must_be_given_by_rule_id_and_not_empty() -> None:
    from rezerv.engine.errors import InputError
    from rezerv.engine.loader import parse_regulation

    text = uploaded_text()
    parse_regulation(text.encode(), "zk.yaml")  # the clauses above load
    for bad in ('  п3: "п. 3 Методики"\n', '  KM-7: " "\n'):
        with pytest.raises(InputError):
            parse_regulation(f"{text}{bad}".encode(), "zk.yaml")
