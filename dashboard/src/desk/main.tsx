import { render } from 'preact';
// base.css first: every other sheet (the page's own and the components') builds on it
import '../styles/base.css';
import { DeskApp } from './DeskApp.js';
import '../styles/desk.css';

render(<DeskApp />, document.getElementById('app')!);
