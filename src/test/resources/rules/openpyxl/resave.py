# Re-saves rules/offers.drl.xlsx as a script would: openpyxl 3.1.5 (pip install openpyxl), merged cells
# undone (openpyxl keeps only the top-left value of a merge), so the object-type cell covers no blanks.
# Run from the repository root: python3 src/test/resources/rules/openpyxl/resave.py
# original/ keeps the workbook it was made from (rules/offers.drl.xlsx of that day), so that the test compares
# the two files of one moment even after the demo workbook changes.
import openpyxl

wb = openpyxl.load_workbook("rules/offers.drl.xlsx")
for ws in wb.worksheets:
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(rng))
wb.save("src/test/resources/rules/openpyxl/offers.drl.xlsx")
